// The raw answer of a test: status, latency, where it went, headers and body (pretty-printed when JSON).
import { useTranslation } from 'react-i18next';
import type { TestResult } from '../../shared/views';

const pretty = (body: string): string => {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
};

export function ResponseView({ result }: { result: TestResult }) {
  const { t } = useTranslation();
  const headers = Object.entries(result.responseHeaders);
  const statusTone =
    result.status === undefined ? 'neutral' : result.status < 300 ? 'ok' : result.status < 500 ? 'warning' : 'error';
  return (
    <div className="response">
      <div className="response-meta">
        <span className={`pill pill-${statusTone}`} data-testid="test-status">
          {result.status === undefined ? t('test.noStatus') : result.status}
        </span>
        <span data-testid="test-latency">{t('test.latency', { ms: Math.round(result.latencyMs) })}</span>
        <code className="response-url">
          {result.method} {result.url}
        </code>
      </div>
      <p className="muted small">
        {t(`test.scheme.${result.authScheme}`)}
        {result.tokenExchanged && ` · ${t('test.tokenExchanged')}`}
        {result.redirect && ` · ${t('test.redirect', { location: result.redirect.location })}`}
      </p>
      {headers.length > 0 && (
        <details className="disclosure">
          <summary>{t('test.headers', { count: headers.length })}</summary>
          <table className="headers-table">
            <tbody>
              {headers.map(([name, value]) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
      <h3 className="subheading">{t('test.body')}</h3>
      {result.body ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard to scroll it.
        <pre className="code-block scroll" data-testid="test-body" tabIndex={0}>
          {pretty(result.body)}
        </pre>
      ) : (
        <p className="muted">{t('test.emptyBody')}</p>
      )}
      {result.truncated && <p className="muted small">{t('test.truncated')}</p>}
    </div>
  );
}
