// i18next options shared by the app and the tests: {name} placeholders, as in shared/diagnosis.ts.
import type { InitOptions } from 'i18next';

export const INTERPOLATION: InitOptions['interpolation'] = { prefix: '{', suffix: '}', escapeValue: false };
