/** Derived views of the model that templates paginate over. No new facts, only arrangements. */
import { slugify } from "../markdown/index.ts";
import type { Chapter, House, NewsItem, Publication, Site } from "./types.ts";

export interface ChapterPage {
  publication: Publication;
  chapter: Chapter;
  number: number; // 1-based
  previous?: { title: string; url: string };
  next?: { title: string; url: string };
}

export interface TopicPage {
  topic: string;
  slug: string;
  url: string;
  publications: Publication[];
  news: NewsItem[];
}

export interface HousePage {
  house: House;
  publications: Publication[];
  news: NewsItem[];
}

export interface SiteViews {
  site: Site;
  chapterPages: ChapterPage[];
  housePages: HousePage[];
  topicPages: TopicPage[];
  publicationsByYear: { year: string; publications: Publication[] }[];
  houses: Record<string, House>;
}

export function siteViews(site: Site): SiteViews {
  const chapterPages = site.publications.flatMap((publication) =>
    publication.chapters.map((chapter, i): ChapterPage => {
      const prev = publication.chapters[i - 1];
      const next = publication.chapters[i + 1];
      return {
        publication,
        chapter,
        number: i + 1,
        previous: prev ? { title: prev.title, url: prev.url } : { title: publication.title, url: publication.url },
        next: next && { title: next.title, url: next.url },
      };
    }),
  );
  const topicPages = site.topics.map((topic) => ({
    topic,
    slug: slugify(topic),
    url: `/emner/${slugify(topic)}/`,
    publications: site.publications.filter((p) => p.topics.includes(topic)),
    news: site.news.filter((n) => n.topics.includes(topic)),
  }));
  const housePages = site.info.houses.map((house) => ({
    house,
    publications: site.publications.filter((p) => p.house === house.id),
    news: site.news.filter((n) => n.house === house.id),
  }));
  const years = [...new Set(site.publications.map((p) => p.date.slice(0, 4)))].sort().reverse();
  return {
    site,
    chapterPages,
    housePages,
    topicPages,
    publicationsByYear: years.map((year) => ({
      year,
      publications: site.publications.filter((p) => p.date.startsWith(year)),
    })),
    houses: Object.fromEntries(site.info.houses.map((h) => [h.id, h])),
  };
}
