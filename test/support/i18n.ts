// The UI's translations outside a browser: the locale files with the renderer's own interpolation options, so a test
// reads exactly the words a user would.
import { createInstance } from 'i18next';
import { INTERPOLATION } from '../../renderer/i18n/options';
import en from '../../shared/locales/en.json';
import zh from '../../shared/locales/zh-CN.json';

export async function translator(lng: 'en' | 'zh-CN') {
  const i18n = createInstance();
  await i18n.init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zh } },
    lng,
    fallbackLng: 'en',
    interpolation: INTERPOLATION,
    showSupportNotice: false,
    returnEmptyString: false,
  });
  return {
    t: (key: string, params?: Record<string, unknown>) => i18n.t(key, params),
    /** Whether this language itself has the key (no fallback to English). */
    has: (key: string) => i18n.exists(key, { lng, fallbackLng: false }),
  };
}
