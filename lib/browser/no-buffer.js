// The browser build's `buffer` (next.config.js): none. Code that checks `typeof Buffer` takes its browser path.
export const Buffer = undefined;
