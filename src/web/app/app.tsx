// The application: router, header, the routed page, and the root's ready signal.
import { BrowserRouter } from 'react-router';
import { Header } from './header.tsx';
import { ReadyState } from './ready-state.tsx';
import { AppRoutes } from './routes.tsx';
import './strings.ts';
import './app.css';

export function App({ rootId }: { readonly rootId: string }) {
  return (
    <BrowserRouter>
      <ReadyState rootId={rootId} />
      <Header />
      <div id="content" className="app-content" tabIndex={-1}>
        <AppRoutes />
      </div>
    </BrowserRouter>
  );
}
