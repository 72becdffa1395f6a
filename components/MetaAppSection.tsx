import { useState } from 'preact/hooks';
import { META_HOSTS, buildTimeEndpoints, isEmulatorBuild } from '@/lib/config';
import { t, uiLocale } from '@/lib/i18n';
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

  const hosts = new Intl.ListFormat(uiLocale(), { type: 'conjunction' }).format([...META_HOSTS.graphApiBase, ...META_HOSTS.oauthDialogUrl]);
  return (
    <section class="card" aria-labelledby="meta-app-title">
      <h2 id="meta-app-title">{t('options.metaTitle')}</h2>
      <p>{t('options.metaIntro')}</p>
      <p>
        <code class="redirect-url" aria-label={t('options.redirectUrl')}>
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
          {t('options.appId')}
          <input inputMode="numeric" placeholder={buildTimeEndpoints.appId || t('options.appIdExample')} {...field('appId')} />
          {problem('appId')}
        </label>
        <details open={Boolean(problems.graphApiBase || problems.oauthDialogUrl)}>
          <summary>{t('options.advancedEndpoints')}</summary>
          <p class="muted">{isEmulatorBuild() ? t('options.endpointsNoteEmulator', { hosts }) : t('options.endpointsNote', { hosts })}</p>
          <label>
            {t('options.graphApiBase')}
            <input placeholder={buildTimeEndpoints.graphApiBase} {...field('graphApiBase')} />
            {problem('graphApiBase')}
          </label>
          <label>
            {t('options.oauthDialogUrl')}
            <input placeholder={buildTimeEndpoints.oauthDialogUrl} {...field('oauthDialogUrl')} />
            {problem('oauthDialogUrl')}
          </label>
        </details>
        <button type="submit" class="button primary">
          {t('options.save')}
        </button>
        {outcome?.kind === 'saved' ? (
          <span class="muted" role="status">
            {t('options.saved')}
          </span>
        ) : null}
        {outcome?.kind === 'reconnect' ? <span role="status">{t('options.savedSignedOut')}</span> : null}
        {outcome?.kind === 'error' ? <span role="alert">{outcome.text}</span> : null}
        {Object.keys(problems).length > 0 ? <span role="alert">{t('options.notSaved')}</span> : null}
      </form>
      <SettingError setting={model.setting} />
    </section>
  );
}
