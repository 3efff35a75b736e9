/** The console's frame: a header with the pages and who is signed in, then the current page. */
import { useConsole } from './api.js';
import { href, useRoute, type Route } from './router.js';
import { Gallery } from './pages/Gallery.js';
import { ImagePage } from './pages/ImagePage.js';
import { Metrics } from './pages/Metrics.js';
import { Review } from './pages/Review.js';
import { Upload } from './pages/Upload.js';

const PAGES: { route: Route; label: string; admin?: boolean }[] = [
  { route: { page: 'images' }, label: 'Images' },
  { route: { page: 'upload' }, label: 'Upload' },
  { route: { page: 'metrics' }, label: 'Metrics' },
  { route: { page: 'review' }, label: 'Review', admin: true },
];

export function App() {
  const { session, isAdmin, signOut } = useConsole();
  const route = useRoute();
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <a className="brand" href={href({ page: 'images' })}>
          Darkroom
        </a>
        <nav aria-label="Pages">
          <ul>
            {PAGES.filter((p) => !p.admin || isAdmin).map(({ route: to, label }) => (
              <li key={label}>
                <a href={href(to)} aria-current={route?.page === to.page ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span>
            Signed in as <strong>{session.user}</strong>
            {isAdmin ? ' (admin)' : ''}
          </span>
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Page route={route} />
      </main>
    </>
  );
}

function Page({ route }: { route: Route | undefined }) {
  const { isAdmin } = useConsole();
  switch (route?.page) {
    case 'images':
      return <Gallery />;
    case 'upload':
      return <Upload />;
    case 'image':
      return <ImagePage id={route.id} />;
    case 'metrics':
      return <Metrics />;
    case 'review':
      return isAdmin ? <Review /> : <NotFound what="The review queue is for the admin group." />;
    default:
      return <NotFound what="There is no such page." />;
  }
}

function NotFound({ what }: { what: string }) {
  return (
    <section>
      <h1>Not found</h1>
      <p>
        {what} <a href={href({ page: 'images' })}>Back to your images</a>
      </p>
    </section>
  );
}
