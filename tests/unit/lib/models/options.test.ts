import { describe, expect, it, vi } from 'vitest';
import { MAX_IMPORT_BYTES } from '@/lib/archive/report';
import { DeskError } from '@/lib/errors';
import { createOptionsModel, metaSaveFailed } from '@/lib/models/options';
import { copiedNote, copyRefused, unreadableFile } from '@/lib/models/options-archive';
import { settingWriteFailed } from '@/lib/models/stored-signal';
import { account } from '../../support/factories';
import { fakeOptionsDeps } from './options-deps';

const lumen = account({ id: 'ig1', username: 'lumencoffee' });
const second = account({ id: 'ig2', username: 'second' });

async function started(init: Parameters<typeof fakeOptionsDeps>[0] = { accounts: [lumen, second] }) {
  const { deps, world } = fakeOptionsDeps(init);
  const model = createOptionsModel(deps);
  await model.start();
  return { model, world };
}

describe('OptionsModel settings', () => {
  it('shows each stored setting and follows a change made elsewhere', async () => {
    const { model, world } = await started();
    world.settings.timeZone.external('Europe/Paris');
    world.settings.syncPreset.external('battery');
    await model.settings.timeZone.ready;
    expect(model.settings.timeZone.value.value).toBe('Europe/Paris');
    expect(model.settings.syncPreset.value.value).toBe('battery');
    model.dispose();
    world.settings.timeZone.external('Asia/Tokyo');
    expect(model.settings.timeZone.value.value).toBe('Europe/Paris');
  });

  it('turns an account’s notifications off and on again, keeping the others', async () => {
    const { model, world } = await started();
    world.settings.notificationsOff.external(['ig2']);
    expect(await model.setNotifications('ig1', false)).toBe(true);
    expect(world.settings.notificationsOff.stored).toEqual(['ig2', 'ig1']);
    await model.setNotifications('ig1', true);
    expect(world.settings.notificationsOff.stored).toEqual(['ig2']);
    model.dispose();
  });

  it('a setting that could not be saved says so and shows what is stored', async () => {
    const { model, world } = await started();
    world.settings.humanAgent.failWrites = true;
    expect(await model.settings.humanAgent.set(true)).toBe(false);
    expect(model.settings.humanAgent.value.value).toBe(false);
    expect(model.settings.humanAgent.error.value).toBe(settingWriteFailed());
    model.dispose();
  });
});

describe('OptionsModel connections', () => {
  it('reads the accounts and reads them again on the background’s notice', async () => {
    const { model, world } = await started();
    expect(model.connections.accounts.value.map((a) => a.id)).toEqual(['ig1', 'ig2']);
    world.accounts = [lumen];
    world.notify({ type: 'accounts-changed' });
    await vi.waitFor(() => expect(model.connections.accounts.value.map((a) => a.id)).toEqual(['ig1']));
    model.dispose();
  });

  it('connect asks the background and shows the accounts it found', async () => {
    const { model, world } = await started({ accounts: [] });
    world.accounts = [lumen];
    const connecting = model.connections.connect();
    expect(model.connections.busy.value).toBe(true);
    await connecting;
    expect(model.connections.busy.value).toBe(false);
    expect(world.requests.map((r) => r.name)).toEqual(['connect']);
    expect(model.connections.accounts.value).toEqual([lumen]);
    model.dispose();
  });

  it('a refused connect says why', async () => {
    const { model, world } = await started();
    world.failNext.connect = new DeskError('access-denied', 'The login window was closed.');
    await model.connections.connect();
    expect(model.connections.error.value).toBe('The login window was closed.');
    model.dispose();
  });

  it('disconnect forgets the side panel’s first rows, asks the background, and says when Meta access could not be withdrawn', async () => {
    const { model, world } = await started({ accounts: [lumen] });
    world.answers.disconnect = { revoke: 'failed' };
    world.accounts = [];
    await model.connections.disconnect(lumen);
    expect(world.forgotten).toEqual(['ig1']);
    expect(world.requests.at(-1)).toEqual({ name: 'disconnect', payload: { accountId: 'ig1' } });
    expect(model.connections.revokeNotice.value).toEqual({ username: 'lumencoffee', revoke: 'failed' });
    expect(model.connections.accounts.value).toEqual([]);
    model.dispose();
  });
});

describe('OptionsModel Meta app settings', () => {
  it('saves through the background and shows the stored values', async () => {
    const { model, world } = await started();
    const values = { appId: '999888777', graphApiBase: '', oauthDialogUrl: '' };
    expect(await model.meta.save(values)).toBe(true);
    expect(world.requests.at(-1)).toEqual({ name: 'saveMetaSettings', payload: values });
    expect(model.meta.setting.value.value).toEqual(values);
    expect(model.meta.outcome.value).toEqual({ kind: 'saved' });
    model.dispose();
  });

  it('keeps refused values unsaved, with the problems; says when a change signed out', async () => {
    const { model, world } = await started();
    world.answers.saveMetaSettings = { endpointsChanged: false, problems: { graphApiBase: 'Only Meta’s hosts' } };
    expect(await model.meta.save({ appId: '', graphApiBase: 'https://evil.example', oauthDialogUrl: '' })).toBe(false);
    expect(model.meta.problems.value).toEqual({ graphApiBase: 'Only Meta’s hosts' });
    expect(world.settings.meta.stored.graphApiBase).toBe('');
    world.answers.saveMetaSettings = { endpointsChanged: true, problems: {} };
    expect(await model.meta.save({ appId: '', graphApiBase: 'http://localhost:1/v24.0', oauthDialogUrl: '' })).toBe(true);
    expect(model.meta.problems.value).toEqual({});
    expect(model.meta.outcome.value).toEqual({ kind: 'reconnect' });
    world.failNext.saveMetaSettings = new Error('port closed');
    expect(await model.meta.save({ appId: '', graphApiBase: '', oauthDialogUrl: '' })).toBe(false);
    expect(model.meta.outcome.value).toEqual({ kind: 'error', text: metaSaveFailed() });
    model.dispose();
  });
});

describe('OptionsModel archive', () => {
  it('measures each account’s archive, and asks the browser to keep it', async () => {
    const { deps, world } = fakeOptionsDeps({ accounts: [lumen] });
    world.sizes.set('ig1', { messages: 3, bytes: 2048 });
    const model = createOptionsModel(deps);
    expect(model.archive.sizes.value).toBeNull();
    await model.start();
    expect(model.archive.sizes.value?.get('ig1')).toEqual({ messages: 3, bytes: 2048 });
    expect(model.archive.persisted.value).toBe(true);
    model.dispose();
  });

  it('exports an account as JSON and as CSV', async () => {
    const { model, world } = await started({ accounts: [lumen] });
    await model.archive.exportAccount(lumen, 'json');
    await model.archive.exportAccount(lumen, 'csv');
    expect(world.downloads.map((d) => [d.name, d.file.type])).toEqual([
      ['dm-desk-lumencoffee-2026-11-21.json', 'application/json'],
      ['dm-desk-lumencoffee-2026-11-21.csv', 'text/csv'],
    ]);
    expect(JSON.parse(await world.downloads[0]!.file.text())).toMatchObject({ format: 'dm-desk-archive', accounts: [{ id: 'ig1' }] });
    model.dispose();
  });

  it('imports through the background, shows its report, and measures again', async () => {
    const { model, world } = await started({ accounts: [lumen] });
    world.sizes.set('ig1', { messages: 2, bytes: 100 });
    await model.archive.importFile(new File(['{"format":"dm-desk-archive"}'], 'a.json'));
    expect(world.requests.at(-1)).toEqual({ name: 'importArchive', payload: { text: '{"format":"dm-desk-archive"}' } });
    expect(model.archive.report.value?.messages).toBe(2);
    expect(model.archive.importing.value).toBe(false);
    await vi.waitFor(() => expect(model.archive.sizes.value?.get('ig1')?.messages).toBe(2));
    model.dispose();
  });

  it('refuses a file over the limit before reading it, and says why an import failed', async () => {
    const { model, world } = await started();
    const read = vi.fn(async () => '{}');
    await model.archive.importFile({ size: MAX_IMPORT_BYTES + 1, text: read });
    expect(read).not.toHaveBeenCalled();
    expect(model.archive.problem.value).toMatch(/larger than 32 MB/);
    world.failNext.importArchive = new DeskError('invalid-request', 'This is not a DM Desk archive.');
    await model.archive.importFile({ size: 2, text: read });
    expect(model.archive.problem.value).toBe('This is not a DM Desk archive.');
    await model.archive.importFile({ size: 2, text: () => Promise.reject(new Error('NotReadableError')) });
    expect(model.archive.problem.value).toBe(unreadableFile());
    model.dispose();
  });
});

describe('OptionsModel diagnostics', () => {
  const entry = { at: 1, level: 'warn' as const, area: 'sync', message: 'A sync failed', error: 'GraphError network' };

  it('shows the log, follows new entries, copies and clears it', async () => {
    const { model, world } = await started();
    expect(model.diagnostics.entries.value).toEqual([]);
    world.logDiagnostics([entry]);
    expect(model.diagnostics.entries.value).toEqual([entry]);
    await model.diagnostics.copy();
    expect(world.copied[0]).toContain('[sync] A sync failed (GraphError network)');
    expect(model.diagnostics.note.value).toBe(copiedNote());
    world.copyRefused = true;
    await model.diagnostics.copy();
    expect(model.diagnostics.note.value).toBe(copyRefused());
    await model.diagnostics.clear();
    expect(model.diagnostics.entries.value).toEqual([]);
    model.dispose();
  });
});
