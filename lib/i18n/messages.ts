/** Every language's messages: server-side only (each page sends the browser its own). */
import 'server-only';
import ar from './messages/ar.json';
import en from './messages/en.json';
import ja from './messages/ja.json';
import ko from './messages/ko.json';
import th from './messages/th.json';
import zh from './messages/zh.json';
import type { Locale } from './locales';
import type { Messages } from './translate';

export const MESSAGES: Record<Locale, Messages> = { en, zh, ja, ko, th, ar };
