// A diagnosis arrives with English words in its params (shared/diagnosis.ts paramsOf). The values come from small
// fixed sets — product names, credential kinds, "ahead of"/"behind", Retry-After phrasings — so each is recognised
// and replaced by its translation before the translated template is filled. Unknown values pass through unchanged.
import { CREDENTIAL_KINDS, type CredentialKind, DASHBOARD_URLS, PRODUCTS } from '../../shared/catalog';
import { type Diagnosis, KIND_NAMES } from '../../shared/diagnosis';

export type Translate = (key: string, params?: Record<string, unknown>) => string;

const SOURCE_URL: Record<CredentialKind, string> = {
  accessKey: DASHBOARD_URLS.accessKeys,
  applicationKey: DASHBOARD_URLS.apps,
  servicePlan: DASHBOARD_URLS.sms,
  mailgun: DASHBOARD_URLS.mailgunKeys,
};
const TOKEN_ENDPOINT = "Sinch's token endpoint";
const THE_FUNCTION = 'the function';

const productName = (value: string, t: Translate): string => {
  if (value === TOKEN_ENDPOINT) return t('diagnosisParams.tokenEndpoint');
  if (value === THE_FUNCTION) return t('diagnosisParams.theFunction');
  const product = Object.values(PRODUCTS).find((p) => p.name === value);
  return product ? t(`products.${product.id}`) : value;
};
const kindName = (value: string, t: Translate): string => {
  const kind = CREDENTIAL_KINDS.find((k) => KIND_NAMES[k] === value);
  return kind ? t(`kinds.${kind}.long`) : value;
};
const kindSource = (value: string, t: Translate): string => {
  const kind = CREDENTIAL_KINDS.find((k) => value.includes(SOURCE_URL[k]));
  return kind ? t(`kinds.${kind}.source`) : value;
};

function phrase(name: string, value: string, t: Translate): string {
  switch (name) {
    case 'service':
    case 'product':
      return productName(value, t);
    case 'kindName':
    case 'neededKind':
      return kindName(value, t);
    case 'source':
    case 'neededSource':
      return kindSource(value, t);
    case 'direction':
      return value === 'ahead of' ? t('diagnosisParams.ahead') : value === 'behind' ? t('diagnosisParams.behind') : value;
    case 'symptom': {
      const answered = /^answered (\d+)$/.exec(value);
      if (answered) return t('diagnosisParams.answered', { status: answered[1] });
      return value.startsWith('could not be found') ? t('diagnosisParams.dnsFailed') : value;
    }
    case 'retryAfter': {
      const seconds = /^(\d+) seconds?$/.exec(value);
      if (seconds) return t('diagnosisParams.seconds', { count: Number(seconds[1]) });
      const until = /^until (.+)$/.exec(value);
      if (until) return t('diagnosisParams.until', { time: until[1] });
      return value === 'a minute' ? t('diagnosisParams.aMinute') : value;
    }
    case 'withStatus':
    case 'withoutStatus':
      return value === 'no answer' ? t('diagnosisParams.noAnswer') : value;
    default:
      return value;
  }
}

export function localizedParams(params: Record<string, string>, t: Translate): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, phrase(name, value, t)]));
}

/** Title, explanation and fix of a diagnosis in the current language, filled with translated params. */
export function diagnosisText(diagnosis: Pick<Diagnosis, 'code' | 'params'>, t: Translate) {
  const params = localizedParams(diagnosis.params, t);
  const text = (part: 'title' | 'explanation' | 'fix') => t(`diagnosis.${diagnosis.code}.${part}`, params);
  return { title: text('title'), explanation: text('explanation'), fix: text('fix') };
}
