// The app's build outputs, by their source name: the content-hashed URL each is served at and
// its uncompressed size in bytes. Written by the build (scripts/hash-web.mjs).
/** @type {Record<string, {url: string, bytes: number}>} */
export const ASSETS = __TASJIL_ASSETS__;

/** The URL of a build output, or `name` itself when it is not one. */
export function assetUrl(name) {
  return ASSETS[name]?.url ?? name;
}
