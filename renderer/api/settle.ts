// The Api answers with Result values, but a transport can still reject (a preload bug, a closed window). Every call
// site goes through settle(), so a rejection becomes an error value the UI already knows how to show.
import i18next from 'i18next';
import type { Result } from '../../shared/errors';

export const settle = <T>(pending: Promise<Result<T>>): Promise<Result<T>> =>
  pending.catch((): Result<T> => ({ ok: false, error: { code: 'INTERNAL', message: i18next.t('toast.unexpected') } }));
