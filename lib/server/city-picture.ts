/**
 * The city as the stream would open with it, for the HTML of a city-level page: its first paint shows
 * the figures instead of waiting for the scripts and the stream (the browser's store starts from it).
 */
import 'server-only';
import type { SessionUser } from '../contracts/alerts';
import type { StreamSnapshot } from '../contracts/stream';
import { canViewCity } from '../auth/permissions';
import { getLiveFeed } from './feed-runtime';

export interface PagePicture {
  /** Null below the city level (a venue page does not need the city's bytes) and for those who may not see it. */
  cityPicture: StreamSnapshot | null;
  /** The server's clock as it rendered: the page's "now" until the browser has taken over. */
  renderedAt: number;
}

export function pagePicture(user: SessionUser, cityLevel: boolean): PagePicture {
  const renderedAt = Date.now();
  const live = cityLevel && canViewCity(user) ? getLiveFeed() : undefined;
  return { cityPicture: live?.hub.snapshot(renderedAt) ?? null, renderedAt };
}
