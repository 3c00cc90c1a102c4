// What every page needs to know about the request it renders for. Built per request by platform/http
// (`pageContext`), which owns the type so that platform never reaches up into views.
export type { PageContext } from '../platform/http/request-context.ts';
