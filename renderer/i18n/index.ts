// Every word on screen comes from these locale files. Placeholders use the same {name} syntax as
// shared/diagnosis.ts, so a diagnosis's params fill the translated text exactly as they fill the English one.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../shared/locales/en.json';
import zhCN from '../../shared/locales/zh-CN.json';
import { INTERPOLATION } from './options';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'sinch-keys.language';

/** The saved choice if any, else the first preferred language we have (any Chinese variant → Simplified Chinese). */
export function pickLanguage(saved: string | null, preferred: readonly string[]): Language {
  if (saved && (LANGUAGES as readonly string[]).includes(saved)) return saved as Language;
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

function readSaved(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function initI18n(): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: pickLanguage(readSaved(), navigator.languages ?? [navigator.language]),
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    interpolation: INTERPOLATION,
    initAsync: false,
    showSupportNotice: false,
    returnEmptyString: false,
  });
  const applyLang = (lng: string) => {
    document.documentElement.lang = lng;
    document.title = i18next.t('app.name');
  };
  applyLang(i18next.language);
  i18next.on('languageChanged', applyLang);
  return i18next;
}

export function setLanguage(language: Language): void {
  void i18next.changeLanguage(language);
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage can be disabled; the choice then lasts until the window closes.
  }
}
