import { useEffect, useState } from 'preact/hooks';
import { META_HOSTS, buildTimeEndpoints, isEmulatorBuild } from '@/lib/config';
import { logDiagnostic } from '@/lib/diagnostics';
import { isDeskError } from '@/lib/errors';
import { sendRequest } from '@/lib/messaging/protocol';
import { metaOverrides, type MetaOverrides } from '@/lib/settings';

interface Props {
  redirectUrl: string;
}

type Problems = Partial<Record<keyof MetaOverrides, string>>;
type Outcome = { kind: 'saved' } | { kind: 'reconnect' } | { kind: 'error'; text: string };

const FIELD_IDS: Record<keyof MetaOverrides, string> = {
  appId: 'meta-app-id',
  graphApiBase: 'meta-graph-base',
  oauthDialogUrl: 'meta-dialog-url',
};

/** The Meta app DM Desk logs in with, and (advanced) where Meta's endpoints are. */
export function MetaAppSection({ redirectUrl }: Props) {
  const [values, setValues] = useState<MetaOverrides | null>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  useEffect(() => {
    void metaOverrides.getValue().then(setValues, (e: unknown) => {
      logDiagnostic('ui', 'Could not read the Meta app settings', e);
      setValues({ graphApiBase: '', oauthDialogUrl: '', appId: '' });
    });
  }, []);

  if (!values) return null;
  const field = (key: keyof MetaOverrides) => ({
    id: FIELD_IDS[key],
    value: values[key],
    'aria-invalid': problems[key] ? ('true' as const) : undefined,
    'aria-describedby': problems[key] ? `${FIELD_IDS[key]}-problem` : undefined,
    onInput: (e: Event) => {
      setOutcome(null);
      setValues({ ...values, [key]: (e.currentTarget as HTMLInputElement).value });
    },
  });
  const problem = (key: keyof MetaOverrides) =>
    problems[key] ? (
      <span id={`${FIELD_IDS[key]}-problem`} class="form-error">
        {problems[key]}
      </span>
    ) : null;

  const save = async (): Promise<void> => {
    setOutcome(null);
    try {
      // The background checks the values and owns the tokens a change of endpoint must forget.
      const result = await sendRequest('saveMetaSettings', values);
      setProblems(result.problems);
      if (Object.keys(result.problems).length === 0) setOutcome({ kind: result.endpointsChanged ? 'reconnect' : 'saved' });
    } catch (e) {
      if (!isDeskError(e)) logDiagnostic('ui', 'Saving the Meta app settings failed', e);
      setOutcome({ kind: 'error', text: isDeskError(e) ? e.message : 'The settings could not be saved. Try again.' });
    }
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
    </section>
  );
}
