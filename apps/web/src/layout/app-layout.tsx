import { AppBar, Layout, LoadingIndicator, TitlePortal, type LayoutProps } from 'react-admin';
import { AppMenu } from './app-menu.js';
import { LanguageMenu } from './language-menu.js';

function ClinrankAppBar() {
  return (
    <AppBar
      color="primary"
      toolbar={
        <>
          <LanguageMenu />
          <LoadingIndicator />
        </>
      }
    >
      <TitlePortal />
    </AppBar>
  );
}

/** React-Admin's layout with our role-based menu and a language switcher. */
export function AppLayout({ children }: LayoutProps) {
  return (
    <Layout menu={AppMenu} appBar={ClinrankAppBar}>
      {children}
    </Layout>
  );
}
