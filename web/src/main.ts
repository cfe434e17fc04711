import { ApiError, graphql, subscribe } from './api.js';
import { h } from './dom.js';
import {
  dashboardChangedSubscription,
  sprintListQuery,
  sprintPageQuery,
  type DashboardChangedData,
  type SprintListData,
  type SprintPageData,
} from './queries.js';
import { sprintList, sprintPage } from './view.js';

const tokenKey = 'sprint-ledger.token';
const app = document.getElementById('app') ?? document.body;

/**
 * The token comes once in the address's fragment (`#token=...`, never sent to the server) and
 * is kept in this browser; without one the page asks for it.
 */
function takeToken(): string | null {
  const fromFragment = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromFragment) {
    localStorage.setItem(tokenKey, fromFragment);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return localStorage.getItem(tokenKey);
}

function askForToken(reason: string): void {
  localStorage.removeItem(tokenKey);
  const input = h('input', { type: 'password', name: 'token', required: '', autocomplete: 'off' });
  const form = h(
    'form',
    { class: 'panel token' },
    h('h1', {}, 'sprint-ledger'),
    h('p', {}, reason),
    h('label', {}, 'API token ', input),
    h('button', { type: 'submit' }, 'Open'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    localStorage.setItem(tokenKey, input.value.trim());
    void route();
  });
  app.replaceChildren(form);
}

function showError(error: unknown): void {
  if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
    askForToken('That token is not valid (any more): paste a live one.');
    return;
  }
  app.replaceChildren(
    h(
      'main',
      {},
      h(
        'p',
        { class: 'alert' },
        `Could not load: ${error instanceof Error ? error.message : String(error)}`,
      ),
    ),
  );
}

async function showSprintList(token: string): Promise<void> {
  app.replaceChildren(sprintList(await graphql<SprintListData>(token, sprintListQuery)));
}

/**
 * One sprint, kept current: the dashboardChanged subscription says when the sprint moved, and the
 * page then reloads its data (one request at a time, the last change always loaded).
 */
function showSprint(token: string, sprintId: string): void {
  const live = h('span', { class: 'live', 'data-testid': 'live' }, 'connecting');
  let shownVersion = -1;
  let loading = false;
  let wanted = 0;
  const load = async () => {
    if (loading) return;
    loading = true;
    try {
      while (wanted > shownVersion) {
        const target = wanted;
        const data = await graphql<SprintPageData>(token, sprintPageQuery, { id: sprintId });
        shownVersion = data.dashboard?.version ?? target;
        app.replaceChildren(sprintPage(data, live));
        if (shownVersion < target) break;
      }
    } catch (error) {
      stop();
      showError(error);
    } finally {
      loading = false;
    }
  };
  const stop = subscribe<DashboardChangedData>(
    token,
    dashboardChangedSubscription,
    { id: sprintId },
    {
      next: (data) => {
        wanted = Math.max(wanted, data.dashboardChanged.version);
        void load();
      },
      connected: (isConnected) => {
        live.textContent = isConnected ? 'live' : 'reconnecting';
        live.className = `live${isConnected ? ' on' : ''}`;
      },
      failed: (error) => {
        stop();
        showError(error);
      },
    },
  );
  void load();
}

async function route(): Promise<void> {
  const token = takeToken();
  if (!token) {
    askForToken(
      'Paste an API token to see the sprints (the service prints one at its first start).',
    );
    return;
  }
  const sprint = /^\/sprints\/([^/]+)\/?$/.exec(location.pathname);
  try {
    if (sprint?.[1]) showSprint(token, decodeURIComponent(sprint[1]));
    else await showSprintList(token);
  } catch (error) {
    showError(error);
  }
}

void route();
