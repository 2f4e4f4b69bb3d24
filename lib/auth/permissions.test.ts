import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../contracts/alerts';
import { canViewCity, canViewVenue, homeOf, safeNext, whyNot } from './permissions';

const operator: SessionUser = { id: 'operator', name: 'Chen Wei', role: 'operator', venues: null };
const manager: SessionUser = { id: 'manager', name: 'Wang Fang', role: 'venue_manager', venues: ['own'] };
const responder: SessionUser = { id: 'responder', name: 'Li Na', role: 'responder', venues: null };
const admin: SessionUser = { id: 'admin', name: 'Zhou Jie', role: 'admin', venues: null };

describe('permissions', () => {
  it('a venue manager sees their venues only, and no city-level alert or wall', () => {
    expect(canViewVenue(manager, 'own')).toBe(true);
    expect(canViewVenue(manager, 'other')).toBe(false);
    expect(canViewVenue(manager, null)).toBe(false);
    expect(canViewCity(manager)).toBe(false);
    expect(canViewCity(operator)).toBe(true);
    expect(canViewVenue(responder, null)).toBe(true);
  });

  it('who may do what', () => {
    const may = (u: SessionUser, a: Parameters<typeof whyNot>[1], v = 'own') => whyNot(u, a, v) === null;
    expect([
      may(operator, 'acknowledge'),
      may(operator, 'note'),
      may(operator, 'assign'),
      may(operator, 'resolve'),
    ]).toEqual([true, true, false, false]);
    expect([may(manager, 'acknowledge'), may(manager, 'resolve'), may(manager, 'acknowledge', 'other')]).toEqual([
      true,
      false,
      false,
    ]);
    expect([may(responder, 'assign'), may(responder, 'resolve')]).toEqual([true, true]);
    expect(whyNot(responder, 'assign', 'own', 'responder2')).toBe('only an admin may assign an alert to someone else');
    expect(whyNot(admin, 'assign', 'own', 'responder2')).toBeNull();
  });

  it('lands each role where it works, and follows only local next links', () => {
    expect(homeOf(operator)).toBe('/');
    expect(homeOf(manager)).toBe('/venues/own');
    expect(homeOf(responder)).toBe('/alerts');
    expect(safeNext('/venues/x?y=1')).toBe('/venues/x?y=1');
    for (const bad of ['https://evil.example/', '//evil.example/', '/\\evil.example', '', null])
      expect(safeNext(bad)).toBeNull();
  });

  it('refuses every next that a browser could read as another site, and never throws', () => {
    const hostile = [
      '/%09/evil.example', // issue 11: the browser drops the tab and goes to //evil.example
      '/\t/evil.example',
      '/%2F/evil.example',
      '/%5C/evil.example',
      '/\r\nSet-Cookie: x=1',
      '/%0d%0aLocation: https://evil.example',
      '/%E0%A4%A', // malformed percent-encoding
      '/\u0000',
      'javascript:alert(1)',
      '/' + 'a'.repeat(3000),
    ];
    for (const bad of hostile) expect(() => safeNext(bad), bad).not.toThrow();
    for (const bad of hostile) expect(safeNext(bad), bad).toBeNull();
    // Non-ASCII paths are fine, as ASCII: a Location header carries nothing else.
    expect(safeNext('/venues/滨江?lang=zh')).toBe('/venues/%E6%BB%A8%E6%B1%9F?lang=zh');
    expect(safeNext('/alerts#top')).toBe('/alerts#top');
  });
});
