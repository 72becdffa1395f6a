import { useEffect, useState } from 'preact/hooks';
import { buildTimeEndpoints } from '@/lib/config';
import { metaOverrides, type MetaOverrides } from '@/lib/settings';

interface Props {
  redirectUrl: string;
}

/** The Meta app DM Desk logs in with, and (advanced) where Meta's endpoints are. */
export function MetaAppSection({ redirectUrl }: Props) {
  const [values, setValues] = useState<MetaOverrides | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void metaOverrides.getValue().then(setValues);
  }, []);

  if (!values) return null;
  const field = (key: keyof MetaOverrides) => ({
    value: values[key],
    onInput: (e: Event) => {
      setSaved(false);
      setValues({ ...values, [key]: (e.currentTarget as HTMLInputElement).value });
    },
  });

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
          void metaOverrides.setValue(values).then(() => setSaved(true));
        }}
      >
        <label>
          Meta app ID
          <input inputMode="numeric" placeholder={buildTimeEndpoints.appId || 'e.g. 1234567890123456'} {...field('appId')} />
        </label>
        <details>
          <summary>Advanced: endpoints</summary>
          <label>
            Graph API base URL
            <input placeholder={buildTimeEndpoints.graphApiBase} {...field('graphApiBase')} />
          </label>
          <label>
            OAuth dialog URL
            <input placeholder={buildTimeEndpoints.oauthDialogUrl} {...field('oauthDialogUrl')} />
          </label>
        </details>
        <button type="submit" class="button primary">
          Save
        </button>
        {saved ? (
          <span class="muted" role="status">
            Saved
          </span>
        ) : null}
      </form>
    </section>
  );
}
