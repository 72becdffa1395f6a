import { useState } from 'preact/hooks';
import { META_HOSTS, buildTimeEndpoints, isEmulatorBuild } from '@/lib/config';
import type { MetaSettingsModel } from '@/lib/models/options';
import type { MetaOverrides } from '@/lib/settings';
import { SettingError } from './SettingError';

interface Props {
  redirectUrl: string;
  model: MetaSettingsModel;
}

const FIELD_IDS: Record<keyof MetaOverrides, string> = {
  appId: 'meta-app-id',
  graphApiBase: 'meta-graph-base',
  oauthDialogUrl: 'meta-dialog-url',
};

/** The Meta app DM Desk logs in with, and (advanced) where Meta's endpoints are. */
export function MetaAppSection({ redirectUrl, model }: Props) {
  /** What the person typed and has not saved yet; every other field shows the stored value. */
  const [edits, setEdits] = useState<Partial<MetaOverrides>>({});
  if (!model.setting.loaded.value) return null;
  const stored = model.setting.value.value;
  const problems = model.problems.value;
  const outcome = model.outcome.value;
  const values: MetaOverrides = { ...stored, ...edits };
  const field = (key: keyof MetaOverrides) => ({
    id: FIELD_IDS[key],
    value: values[key],
    'aria-invalid': problems[key] ? ('true' as const) : undefined,
    'aria-describedby': problems[key] ? `${FIELD_IDS[key]}-problem` : undefined,
    onInput: (e: Event) => {
      model.editing();
      setEdits({ ...edits, [key]: (e.currentTarget as HTMLInputElement).value });
    },
  });
  const problem = (key: keyof MetaOverrides) =>
    problems[key] ? (
      <span id={`${FIELD_IDS[key]}-problem`} class="form-error">
        {problems[key]}
      </span>
    ) : null;

  const save = async (): Promise<void> => {
    const sent = values;
    // Once stored, the fields show the stored values (what was typed since stays typed).
    if (await model.save(sent))
      setEdits((now) => Object.fromEntries(Object.entries(now).filter(([k, v]) => sent[k as keyof MetaOverrides] !== v)));
  };

  const hosts = `${META_HOSTS.graphApiBase.join(', ')} and ${META_HOSTS.oauthDialogUrl.join(', ')}`;
  return (
    <section class="card" aria-labelledby="meta-app-title">
      <h2 id="meta-app-title">Meta app</h2>
      <p>
        DM Desk signs in with a Meta app that you own. Create one in the Meta developer dashboard (type “Business”), add the “Facebook Login
        for Business” and “Messenger API support for Instagram” products, and register this redirect URL as a valid OAuth redirect URI:
      </p>
      <p>
        <code class="redirect-url" aria-label="Redirect URL">
          {redirectUrl}
        </code>
      </p>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label>
          Meta app ID
          <input inputMode="numeric" placeholder={buildTimeEndpoints.appId || 'e.g. 1234567890123456'} {...field('appId')} />
          {problem('appId')}
        </label>
        <details open={Boolean(problems.graphApiBase || problems.oauthDialogUrl)}>
          <summary>Advanced: endpoints</summary>
          <p class="muted">
            Only Meta’s own https hosts ({hosts}){isEmulatorBuild() ? ', or this computer (a build for the local emulator),' : ''} are
            accepted: your login is sent there. Changing an endpoint signs DM Desk out of Meta.
          </p>
          <label>
            Graph API base URL
            <input placeholder={buildTimeEndpoints.graphApiBase} {...field('graphApiBase')} />
            {problem('graphApiBase')}
          </label>
          <label>
            OAuth dialog URL
            <input placeholder={buildTimeEndpoints.oauthDialogUrl} {...field('oauthDialogUrl')} />
            {problem('oauthDialogUrl')}
          </label>
        </details>
        <button type="submit" class="button primary">
          Save
        </button>
        {outcome?.kind === 'saved' ? (
          <span class="muted" role="status">
            Saved
          </span>
        ) : null}
        {outcome?.kind === 'reconnect' ? (
          <span role="status">Saved. The endpoints changed, so DM Desk signed out of Meta: reconnect your accounts under Connections.</span>
        ) : null}
        {outcome?.kind === 'error' ? <span role="alert">{outcome.text}</span> : null}
        {Object.keys(problems).length > 0 ? <span role="alert">Not saved: correct the marked fields.</span> : null}
      </form>
      <SettingError setting={model.setting} />
    </section>
  );
}
