/**
 * Udgiv's search page (layouts/soeg.njk) on Pagefind's JS API.
 *
 * The index is one Pagefind bundle per language (src/search/index.ts): pagefind/<lang>/, or for a
 * language with many pages several (pagefind/<lang>-1/, <lang>-2/ …), listed in pagefind/bundles.json.
 * Each is loaded through its own copy of pagefind.js, so each runs its own WebAssembly with its own
 * stemmer and a query is stemmed by the same rules as the pages it is matched against. The results
 * of all bundles are merged by score, their filter counts added up.
 *
 * Everything is found relative to this script's URL, so a path prefix (/udgiv/assets/search.js)
 * needs no configuration. The query and the chosen filters live in the URL (?q=…&type=Kapitel), so a
 * search can be linked to; /soeg/?q=strategi runs on load.
 */

const SITE_ROOT = new URL("../", import.meta.url);
const BUNDLES = new URL("pagefind/", SITE_ROOT);
const PAGE_SIZE = 10;
const MAX_SECTIONS = 3;
const TYPING_PAUSE_MS = 250;

/** Filter groups in the order shown, with their legends; unknown keys follow under their own name. */
const FILTER_GROUPS = [
  { key: "type", legend: "Indhold", order: ["Publikation", "Kapitel", "Nyhed", "Side"] },
  { key: "hus", legend: "Hus" },
  { key: "emne", legend: "Emne" },
  { key: "aar", legend: "År", descending: true },
  { key: "sprog", legend: "Sprog" },
  // The reading level (src/readability), easiest first.
  { key: "Sværhedsgrad", legend: "Sværhedsgrad", order: ["meget let", "let", "middel", "svær", "meget svær"] },
];
const LANGUAGE_NAMES = { da: "dansk", en: "engelsk" };

const collator = new Intl.Collator("da");
const dateFormat = new Intl.DateTimeFormat("da-DK", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const pageLanguage = document.documentElement.lang || "da";

const el = {
  root: document.querySelector("[data-soeg]"),
  noJs: document.querySelector("[data-soeg-nojs]"),
  form: document.querySelector("[data-soeg-form]"),
  query: document.querySelector("[data-soeg-q]"),
  filterBox: document.querySelector("[data-soeg-filtre-boks]"),
  filters: document.querySelector("[data-soeg-filtre]"),
  chosen: document.querySelector("[data-soeg-valgte]"),
  reset: document.querySelector("[data-soeg-nulstil]"),
  status: document.querySelector("[data-soeg-status]"),
  resultBox: document.querySelector("[data-soeg-resultatboks]"),
  results: document.querySelector("[data-soeg-resultater]"),
  more: document.querySelector("[data-soeg-flere]"),
  none: document.querySelector("[data-soeg-ingen]"),
};

/** One Pagefind per bundle, once loaded. @type {Promise<{ lang: string, pagefind: any }[]>} */
let engines;
/** Filter counts over the whole site, shown while there is no search. */
let totals = {};
let searchCount = 0;
let typingTimer = 0;
/** The merged results of the last search and how many are shown. */
let current = { results: [], shown: 0 };

if (el.root) start();

/**
 * Shows the form at once (a search typed while the index loads waits for it) and marks the state
 * on the root element for tests and the accessibility gate: data-soeg-tilstand = indlaeser | klar |
 * resultater | ingen | fejl.
 */
async function start() {
  setState("indlaeser");
  el.noJs.hidden = true;
  el.form.hidden = false;
  const params = new URLSearchParams(location.search);
  el.query.value = params.get("q") ?? "";
  engines = loadEngines();
  wireEvents();
  try {
    totals = await totalFilters();
    renderFilters(totals, params);
    el.filterBox.hidden = false;
    if (chosenFilterCount() > 0) el.filterBox.open = true;
    setState("klar");
    if (el.query.value.trim() || chosenFilterCount() > 0) await runSearch();
  } catch (error) {
    console.error(error);
    showUnavailable();
  }
}

function setState(state) {
  el.root.dataset.soegTilstand = state;
}

async function loadEngines() {
  const response = await fetch(new URL("bundles.json", BUNDLES));
  if (!response.ok) throw new Error(`Søgeindekset mangler (${response.status})`);
  /** @type {{ bundles: { dir: string, lang: string }[] }} */
  const { bundles } = await response.json();
  // The page's own language first: its results win ties, and it loads first.
  bundles.sort((a, b) => (b.lang === pageLanguage) - (a.lang === pageLanguage));
  return Promise.all(
    bundles.map(async ({ dir, lang }) => {
      const pagefind = await import(new URL(`${dir}/pagefind.js`, BUNDLES).href);
      await pagefind.options({ baseUrl: SITE_ROOT.pathname, excerptLength: 24 });
      await pagefind.init();
      return { lang, pagefind };
    }),
  );
}

function wireEvents() {
  el.form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typingTimer);
    runSearch();
  });
  el.query.addEventListener("input", () => {
    clearTimeout(typingTimer);
    const term = el.query.value.trim();
    if (term) engines.then((list) => list.forEach(({ pagefind }) => pagefind.preload(term))).catch(() => {});
    typingTimer = setTimeout(runSearch, TYPING_PAUSE_MS);
  });
  el.filters.addEventListener("change", () => runSearch());
  el.reset.addEventListener("click", () => {
    for (const box of el.filters.querySelectorAll("input[type=checkbox]")) box.checked = false;
    runSearch();
    el.query.focus();
  });
  el.more.addEventListener("click", () => showMore(true));
}

/** Searches every bundle with the query and the checked filters, and shows the merged results. */
async function runSearch() {
  const id = ++searchCount;
  const term = el.query.value.trim();
  const filters = chosenFilters();
  updateUrl(term);
  updateChosenCount();
  if (!term && Object.keys(filters).length === 0) {
    clearResults();
    updateFilterCounts(totals);
    setState("klar");
    return;
  }
  el.resultBox.setAttribute("aria-busy", "true");
  try {
    const { results, counts } = await searchAll(term, filters);
    const groupCounts = await countsPerGroup(term, filters, counts);
    if (id !== searchCount) return; // a newer search has started
    updateFilterCounts(groupCounts);
    current = { results, shown: 0 };
    el.results.replaceChildren();
    await showMore(false);
    if (id !== searchCount) return;
    announce(term, results.length, Object.keys(filters).length > 0);
    setState(results.length ? "resultater" : "ingen");
  } catch (error) {
    console.error(error);
    if (id === searchCount) showUnavailable();
  } finally {
    if (id === searchCount) el.resultBox.removeAttribute("aria-busy");
  }
}

/** One search in every bundle: the results merged by score, the filter counts added up. */
async function searchAll(term, filters) {
  const responses = await Promise.all(
    (await engines).map(async ({ lang, pagefind }) => ({ lang, response: await pagefind.search(term || null, { filters }) })),
  );
  const results = responses
    .flatMap(({ lang, response }) => response.results.map((result) => ({ ...result, lang })))
    .sort((a, b) => b.score - a.score);
  return { results, counts: mergeCounts(responses.map(({ response }) => response.filters)) };
}

/**
 * The count beside a value is how many results ticking it would give. Values in a group combine
 * with "or", so a group with a ticked value counts without its own filter (one more search per
 * such group, from index chunks already loaded); other groups count within the current results.
 */
async function countsPerGroup(term, filters, counts) {
  const result = { ...counts };
  await Promise.all(
    Object.keys(filters).map(async (key) => {
      const { [key]: _, ...others } = filters;
      result[key] = (await searchAll(term, others)).counts[key] ?? {};
    }),
  );
  return result;
}

/** Renders the next page of results; when asked, moves focus to the first new one. */
async function showMore(moveFocus) {
  const list = current;
  const batch = list.results.slice(list.shown, list.shown + PAGE_SIZE);
  const data = await Promise.all(batch.map((result) => result.data()));
  if (list !== current) return; // a newer search replaced the list meanwhile
  const items = data.map((page, i) => resultItem(page, batch[i].lang));
  el.results.append(...items);
  current.shown += batch.length;
  const left = current.results.length - current.shown;
  el.more.hidden = left <= 0;
  el.more.textContent = `Vis flere resultater (${left} tilbage)`;
  el.resultBox.hidden = current.results.length === 0;
  el.none.hidden = current.results.length > 0;
  if (moveFocus && items[0]) items[0].querySelector("a").focus();
}

function resultItem(page, lang) {
  const item = make("li", { class: "soeg-resultat" });
  const heading = make("h3", { class: "soeg-resultat__titel" });
  const link = make("a", { href: page.url }, page.meta.title || page.url);
  heading.append(link);
  item.append(heading, resultMeta(page, lang));
  const excerpt = make("p", { class: "soeg-resultat__uddrag" });
  excerpt.append(...excerptNodes(page.excerpt));
  item.append(excerpt);
  const sections = sectionLinks(page);
  if (sections) item.append(sections);
  if (lang !== pageLanguage) for (const node of [heading, excerpt, ...(sections?.children ?? [])]) node.setAttribute("lang", lang);
  return item;
}

/** "Kapitel i Tilgængelighed i praksis · Styrelsen · 14. september 2026 · på engelsk" */
function resultMeta(page, lang) {
  const meta = make("p", { class: "soeg-resultat__meta" });
  const type = page.filters?.type?.[0];
  const parts = [];
  if (type && page.meta.publication) {
    const kind = make("span", {}, `${type} i `);
    kind.append(make("cite", lang !== pageLanguage ? { lang } : {}, page.meta.publication));
    parts.push(kind);
  } else if (type) {
    parts.push(make("span", {}, type));
  }
  if (page.meta.house) parts.push(make("span", {}, page.meta.house));
  if (/^\d{4}-\d{2}-\d{2}$/.test(page.meta.date ?? "")) {
    parts.push(make("time", { datetime: page.meta.date }, dateFormat.format(new Date(`${page.meta.date}T00:00:00Z`))));
  }
  if (lang !== pageLanguage) parts.push(make("span", {}, `på ${LANGUAGE_NAMES[lang] ?? lang}`));
  parts.forEach((part, i) => meta.append(...(i ? [" · ", part] : [part])));
  return meta;
}

/** Links to the headings inside the page where the words were found (Pagefind's sub-results). */
function sectionLinks(page) {
  const sections = (page.sub_results ?? [])
    .filter((sub) => sub.url.includes("#") && sub.title && sub.title !== page.meta.title)
    .sort((a, b) => (b.locations?.length ?? 0) - (a.locations?.length ?? 0))
    .slice(0, MAX_SECTIONS);
  if (sections.length === 0) return null;
  const list = make("ul", { class: "soeg-resultat__afsnit", "aria-label": "Afsnit med søgeordet" });
  for (const sub of sections) {
    const li = make("li");
    li.append(make("a", { href: sub.url }, sub.title));
    // Often the page's excerpt is already this section's; the link alone then says where it is.
    if (sub.excerpt && sub.excerpt !== page.excerpt) {
      const excerpt = make("span", { class: "soeg-resultat__afsnit-uddrag" });
      excerpt.append(...excerptNodes(sub.excerpt));
      li.append(" ", excerpt);
    }
    list.append(li);
  }
  return list;
}

/**
 * Pagefind's excerpt is HTML with <mark> around the hits. Parsed in an inert document and rebuilt
 * from its text and <mark> elements only, so nothing else from the index reaches the page.
 */
function excerptNodes(html) {
  const parsed = new DOMParser().parseFromString(`<body>${html ?? ""}</body>`, "text/html").body;
  const nodes = [];
  for (const node of parsed.childNodes) {
    if (node.nodeName === "MARK") nodes.push(make("mark", {}, node.textContent));
    else nodes.push(document.createTextNode(node.textContent));
  }
  return nodes;
}

/** The live region: how many results, for what. Read out by screen readers when it changes. */
function announce(term, count, filtered) {
  const what = count === 0 ? "Ingen resultater" : count === 1 ? "1 resultat" : `${count.toLocaleString("da-DK")} resultater`;
  const forTerm = term ? ` for »${term}«` : "";
  const within = filtered ? " med de valgte afgrænsninger" : "";
  el.status.textContent = `${what}${forTerm}${within}.`;
}

function clearResults() {
  current = { results: [], shown: 0 };
  el.results.replaceChildren();
  el.resultBox.hidden = true;
  el.none.hidden = true;
  el.more.hidden = true;
  el.status.textContent = "";
}

function showUnavailable() {
  clearResults();
  setState("fejl");
  el.form.hidden = true;
  el.noJs.hidden = false;
  el.noJs.querySelector("p").textContent = "Søgningen kunne ikke indlæses lige nu.";
}

// Filters ------------------------------------------------------------------------------------------

async function totalFilters() {
  return mergeCounts(await Promise.all((await engines).map(({ pagefind }) => pagefind.filters())));
}

/** Adds up the counts per filter value across the language bundles. */
function mergeCounts(list) {
  const merged = {};
  for (const filters of list) {
    for (const [key, values] of Object.entries(filters ?? {})) {
      merged[key] ??= {};
      for (const [value, count] of Object.entries(values)) merged[key][value] = (merged[key][value] ?? 0) + count;
    }
  }
  return merged;
}

/** One fieldset of checkboxes per filter, checked as the URL says. */
function renderFilters(all, params) {
  const known = FILTER_GROUPS.map((g) => g.key);
  const groups = [
    ...FILTER_GROUPS.filter((g) => all[g.key]),
    ...Object.keys(all).filter((key) => !known.includes(key)).sort(collator.compare).map((key) => ({ key, legend: key })),
  ];
  el.filters.replaceChildren(
    ...groups.map((group, g) => {
      const fieldset = make("fieldset", { class: "soeg__filtergruppe" });
      fieldset.append(make("legend", {}, group.legend));
      sortedValues(group, Object.keys(all[group.key])).forEach((value, v) => {
        const id = `soeg-filter-${g}-${v}`;
        const box = make("input", { type: "checkbox", id, name: group.key, value });
        box.checked = params.getAll(group.key).includes(value);
        const label = make("label", { for: id });
        label.append(make("span", {}, value), " ", make("span", { class: "soeg__antal", "data-soeg-antal": "" }));
        const row = make("div", { class: "soeg__valg" });
        row.append(box, label);
        fieldset.append(row);
      });
      return fieldset;
    }),
  );
  updateFilterCounts(all);
}

function sortedValues(group, values) {
  if (group.order) return [...values].sort((a, b) => rank(group.order, a) - rank(group.order, b) || collator.compare(a, b));
  const sorted = [...values].sort(collator.compare);
  return group.descending ? sorted.reverse() : sorted;
}

function rank(order, value) {
  const i = order.indexOf(value);
  return i === -1 ? order.length : i;
}

/** Shows, next to each value, how many results it has with the current query and other filters. */
function updateFilterCounts(counts) {
  for (const box of el.filters.querySelectorAll("input[type=checkbox]")) {
    const count = counts[box.name]?.[box.value] ?? 0;
    box.labels[0].querySelector("[data-soeg-antal]").textContent = `(${count})`;
  }
}

/** The checked filters as Pagefind wants them: any of the values within a group, all groups. */
function chosenFilters() {
  const filters = {};
  for (const box of el.filters.querySelectorAll("input[type=checkbox]:checked")) {
    (filters[box.name] ??= { any: [] }).any.push(box.value);
  }
  return filters;
}

function chosenFilterCount() {
  return el.filters.querySelectorAll("input[type=checkbox]:checked").length;
}

function updateChosenCount() {
  const n = chosenFilterCount();
  el.chosen.textContent = n ? `(${n} valgt)` : "";
}

/** Keeps the address bar in step with the search, so it can be shared or bookmarked. */
function updateUrl(term) {
  const params = new URLSearchParams();
  if (term) params.set("q", term);
  for (const box of el.filters.querySelectorAll("input[type=checkbox]:checked")) params.append(box.name, box.value);
  const query = params.toString();
  history.replaceState(null, "", `${location.pathname}${query ? `?${query}` : ""}`);
}

/** document.createElement with attributes and text. */
function make(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}
