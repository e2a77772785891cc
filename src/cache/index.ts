/**
 * The build's one cache: how a key is made (./key.ts: stage, code version, tool versions, inputs;
 * never an absolute path), the version of a stage's code (./code.ts: its module graph and the npm
 * packages it loads, found, not listed), the folder of entries with atomic writes and pruning
 * (./store.ts), and the per-document memo (./memo.ts). Every stage that keeps work between builds
 * uses these and nothing else.
 */
export { cacheKey, contentHash, type KeyFolders, type KeyParts } from "./key.ts";
export { codeGraph, codeVersion, importsOf, packageOf, CODE_ROOT, type CodeGraph, type ModuleImport } from "./code.ts";
export { atomicWrite, CacheStore, type Entry, type StoreOptions } from "./store.ts";
export { ContentMemo } from "./memo.ts";
export { removeAbandoned, replaceFile } from "./files.ts";
