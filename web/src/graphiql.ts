/**
 * GraphiQL, started with the token this browser keeps (the dashboard page's, or one typed
 * here). React, ReactDOM and GraphiQL are the packages' own builds, served by the service: the
 * page needs no network but the service's.
 */

interface ReactGlobal {
  createElement(type: unknown, props: Record<string, unknown> | null): unknown;
}
interface ReactDomGlobal {
  createRoot(element: Element): { render(node: unknown): void };
}
interface GraphiQLGlobal {
  createFetcher(options: { url: string; headers: Record<string, string> }): unknown;
}

const { React, ReactDOM, GraphiQL } = globalThis as unknown as {
  React: ReactGlobal;
  ReactDOM: ReactDomGlobal;
  GraphiQL: GraphiQLGlobal;
};

const tokenKey = 'sprint-ledger.token';
const root = document.getElementById('graphiql') ?? document.body;

const defaultQuery = `# Every sprint this token may read. Ctrl-Enter runs a query.
{
  me { name role kind agent }
  sprints(first: 10) { nodes { id name status version } }
}
`;

function start(token: string): void {
  const fetcher = GraphiQL.createFetcher({
    url: '/graphql',
    headers: { authorization: `Bearer ${token}` },
  });
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, { fetcher, defaultQuery, shouldPersistHeaders: false }),
  );
}

function askForToken(): void {
  const form = document.createElement('form');
  form.className = 'token';
  const heading = document.createElement('h1');
  heading.textContent = 'sprint-ledger GraphiQL';
  const label = document.createElement('label');
  label.textContent = 'API token ';
  const input = document.createElement('input');
  Object.assign(input, { type: 'password', name: 'token', required: true, autocomplete: 'off' });
  label.append(input);
  const button = document.createElement('button');
  button.type = 'submit';
  button.textContent = 'Open GraphiQL';
  form.append(heading, label, button);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const token = input.value.trim();
    localStorage.setItem(tokenKey, token);
    form.remove();
    start(token);
  });
  root.replaceChildren(form);
}

const fromFragment = new URLSearchParams(location.hash.slice(1)).get('token');
if (fromFragment) {
  localStorage.setItem(tokenKey, fromFragment);
  history.replaceState(null, '', location.pathname + location.search);
}
const kept = localStorage.getItem(tokenKey);
if (kept) start(kept);
else askForToken();
