/**
 * The GraphiQL page's script (browser code, bundled by ../build.ts into one HTML file). The
 * server tells it which Authorization header to suggest through `data-auth` on the root element.
 */
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { StrictMode, type ComponentProps } from 'react';
import { createRoot } from 'react-dom/client';
import { defaultHeaders, exampleTabs, type GraphiqlAuth } from '../examples.js';

type Fetcher = ComponentProps<typeof GraphiQL>['fetcher'];

/** Posts to the address the page came from, so it works on any host, port or stage path. */
const fetcher: Fetcher = async (params, options) => {
  const response = await fetch(window.location.pathname, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...options?.headers,
    },
    body: JSON.stringify(params),
  });
  const text = await response.text();
  try {
    return JSON.parse(text) as ExecutionResult;
  } catch {
    // Not GraphQL (a gateway error page, say): show what came back rather than a parse error.
    return {
      errors: [new GraphQLError(`HTTP ${response.status}: ${text || response.statusText}`)],
    };
  }
};

const root = document.getElementById('graphiql');
if (!root) throw new Error('the page has no #graphiql element');
const auth: GraphiqlAuth = root.dataset.auth === 'dev' ? 'dev' : 'jwt';
const headers = defaultHeaders(auth);

createRoot(root).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      defaultTabs={exampleTabs(auth).map((tab) => ({ ...tab, headers }))}
      defaultHeaders={headers}
      defaultEditorToolsVisibility="headers"
    />
  </StrictMode>,
);
