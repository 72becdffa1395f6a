import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GRAPH_API_BASE,
  DEFAULT_OAUTH_DIALOG_URL,
  buildTimeEndpoints,
  endpointProblem,
  getEndpoints,
  isEmulatorBuild,
  resolveEndpoints,
  saveMetaOverrides,
  type EndpointKind,
} from '@/lib/config';
import { readDiagnostics } from '@/lib/diagnostics';
import { metaOverrides } from '@/lib/settings';

const production = { allowLoopback: false };
const emulator = { allowLoopback: true };

const table: Array<[EndpointKind, string, { production: boolean; emulator: boolean }]> = [
  ['graphApiBase', '', { production: true, emulator: true }],
  ['graphApiBase', 'https://graph.facebook.com/v24.0', { production: true, emulator: true }],
  ['graphApiBase', 'https://graph.facebook.com/v25.0/', { production: true, emulator: true }],
  ['graphApiBase', '  https://graph.facebook.com/v24.0  ', { production: true, emulator: true }],
  ['graphApiBase', 'http://graph.facebook.com/v24.0', { production: false, emulator: false }],
  ['graphApiBase', 'https://graph.facebook.com.evil.example/v24.0', { production: false, emulator: false }],
  ['graphApiBase', 'https://evil.example/graph.facebook.com', { production: false, emulator: false }],
  ['graphApiBase', 'https://graph.facebook.com:8443/v24.0', { production: false, emulator: false }],
  ['graphApiBase', 'https://user:pass@graph.facebook.com/v24.0', { production: false, emulator: false }],
  ['graphApiBase', 'https://graph.facebook.com/v24.0?access_token=x', { production: false, emulator: false }],
  ['graphApiBase', 'https://graph.facebook.com/v24.0#x', { production: false, emulator: false }],
  ['graphApiBase', 'https://www.facebook.com/v24.0', { production: false, emulator: false }],
  ['graphApiBase', 'graph.facebook.com/v24.0', { production: false, emulator: false }],
  ['graphApiBase', 'javascript:alert(1)', { production: false, emulator: false }],
  ['graphApiBase', 'http://127.0.0.1:47823/v24.0', { production: false, emulator: true }],
  ['graphApiBase', 'http://localhost:4010/v24.0', { production: false, emulator: true }],
  ['graphApiBase', 'http://[::1]:4010/v24.0', { production: false, emulator: true }],
  ['graphApiBase', 'http://192.168.1.20:4010/v24.0', { production: false, emulator: false }],
  ['graphApiBase', 'http://127.0.0.1.evil.example/v24.0', { production: false, emulator: false }],
  ['graphApiBase', 'ftp://127.0.0.1/v24.0', { production: false, emulator: false }],
  ['oauthDialogUrl', 'https://www.facebook.com/v24.0/dialog/oauth', { production: true, emulator: true }],
  ['oauthDialogUrl', 'https://graph.facebook.com/v24.0/dialog/oauth', { production: false, emulator: false }],
  ['oauthDialogUrl', 'https://facebook.com.evil.example/dialog/oauth', { production: false, emulator: false }],
  ['oauthDialogUrl', 'http://www.facebook.com/v24.0/dialog/oauth', { production: false, emulator: false }],
  ['oauthDialogUrl', 'http://127.0.0.1:47823/v24.0/dialog/oauth', { production: false, emulator: true }],
];

describe('endpoint overrides', () => {
  it.each(table)('%s %j → %j', (kind, value, allowed) => {
    expect(endpointProblem(kind, value, production) === null).toBe(allowed.production);
    expect(endpointProblem(kind, value, emulator) === null).toBe(allowed.emulator);
  });

  it('knows a build made for the emulator by its loopback Graph base', () => {
    expect(isEmulatorBuild('http://127.0.0.1:47823/v24.0')).toBe(true);
    expect(isEmulatorBuild('http://localhost:4010/v24.0')).toBe(true);
    expect(isEmulatorBuild(DEFAULT_GRAPH_API_BASE)).toBe(false);
    // These tests run as a production build.
    expect(isEmulatorBuild()).toBe(false);
  });

  it('refuses a stored override that is not allowed (written by an older version) and logs it', async () => {
    await metaOverrides.setValue({
      graphApiBase: 'http://evil.example/v24.0',
      oauthDialogUrl: 'https://evil.example/dialog',
      appId: 'abc',
    });
    expect(await getEndpoints()).toEqual(buildTimeEndpoints);
    expect(buildTimeEndpoints).toMatchObject({ graphApiBase: DEFAULT_GRAPH_API_BASE, oauthDialogUrl: DEFAULT_OAUTH_DIALOG_URL });
    const log = await readDiagnostics();
    expect(log.some((e) => e.area === 'config' && /Graph API base override was refused/.test(e.message))).toBe(true);
    expect(JSON.stringify(log)).not.toContain('evil.example');
  });

  it('uses an allowed stored override', () => {
    expect(resolveEndpoints({ graphApiBase: 'https://graph.facebook.com/v25.0', oauthDialogUrl: '', appId: ' 123 ' }, production)).toEqual({
      graphApiBase: 'https://graph.facebook.com/v25.0',
      oauthDialogUrl: buildTimeEndpoints.oauthDialogUrl,
      appId: '123',
    });
  });

  it('saving refuses what is not allowed and keeps what was stored', async () => {
    let forgotten = 0;
    const result = await saveMetaOverrides(
      { graphApiBase: 'http://attacker.example/v24.0', oauthDialogUrl: '', appId: '12x' },
      { forgetLogins: async () => void (forgotten += 1) },
    );
    expect(Object.keys(result.problems).sort()).toEqual(['appId', 'graphApiBase']);
    expect(await metaOverrides.getValue()).toEqual({ graphApiBase: '', oauthDialogUrl: '', appId: '' });
    expect(forgotten).toBe(0);
  });

  it('changing an endpoint forgets the logins; changing the app id alone or saving the same endpoint does not', async () => {
    let forgotten = 0;
    const deps = { forgetLogins: async () => void (forgotten += 1) };
    expect(await saveMetaOverrides({ graphApiBase: '', oauthDialogUrl: '', appId: '999888777' }, deps)).toMatchObject({
      endpointsChanged: false,
    });
    expect(forgotten).toBe(0);
    expect(
      await saveMetaOverrides({ graphApiBase: 'https://graph.facebook.com/v25.0', oauthDialogUrl: '', appId: '999888777' }, deps),
    ).toMatchObject({
      endpointsChanged: true,
      problems: {},
    });
    expect(forgotten).toBe(1);
    expect(
      await saveMetaOverrides({ graphApiBase: 'https://graph.facebook.com/v25.0 ', oauthDialogUrl: '', appId: '1' }, deps),
    ).toMatchObject({
      endpointsChanged: false,
    });
    expect(forgotten).toBe(1);
    expect(
      await saveMetaOverrides({ graphApiBase: '', oauthDialogUrl: 'https://www.facebook.com/v25.0/dialog/oauth', appId: '1' }, deps),
    ).toMatchObject({
      endpointsChanged: true,
    });
    expect(forgotten).toBe(2);
    expect((await getEndpoints()).graphApiBase).toBe(DEFAULT_GRAPH_API_BASE);
  });
});
