import type { StoredSignal } from '@/lib/models/stored-signal';

/** Says when a setting could not be read or saved (the control shows what is really stored). */
export function SettingError<T>({ setting }: { setting: StoredSignal<T> }) {
  const error = setting.error.value;
  return error ? (
    <p class="form-error" role="alert">
      {error}
    </p>
  ) : null;
}
