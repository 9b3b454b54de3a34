import { LOCALES, type Locale } from '../i18n/messages.js';
import { useTranslate } from '../i18n/use-translate.js';
import { useSlice, useViewerContext } from '../store/context.js';
import type { Palette } from '../store/state.js';

const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', zh: '简体中文' };

/** Title, connection, role, and the palette and language switches. */
export function Header() {
  const { store } = useViewerContext();
  const t = useTranslate();
  const connection = useSlice((s) => s.connection);
  const role = useSlice((s) => s.role);
  const palette = useSlice((s) => s.palette);
  const locale = useSlice((s) => s.locale);
  const site = useSlice((s) => s.layout?.site.name);
  return (
    <header className="app-header">
      <h1>
        {t('app.title')}
        {site && <span className="site"> · {site}</span>}
      </h1>
      <span className={`connection connection-${connection}`} data-testid="connection">
        {t(`app.connection.${connection}`)}
      </span>
      {role && <span className="role">{t('app.role', { role: t(`role.${role}`) })}</span>}
      <label>
        {t('app.palette')}{' '}
        <select
          data-testid="palette"
          value={palette}
          onChange={(e) => store.setState({ palette: e.target.value as Palette })}
        >
          <option value="colour">{t('app.palette.colour')}</option>
          <option value="isa101">{t('app.palette.isa101')}</option>
        </select>
      </label>
      <label>
        {t('app.language')}{' '}
        <select
          data-testid="language"
          value={locale}
          onChange={(e) => store.setState({ locale: e.target.value as Locale })}
        >
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </label>
    </header>
  );
}
