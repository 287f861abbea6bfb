import type { AnyRoute } from '../lib/route';
import apiAuthSignIn from './api_auth_signIn';
import apiAuthSignOut from './api_auth_signOut';
import apiAuthToken from './api_auth_token';
import apiAuthTokenRevoke from './api_auth_tokenRevoke';
import apiCompaniesGet from './api_companies_get';
import apiCompaniesList from './api_companies_list';
import apiDocs from './api_docs';
import apiHealth from './api_health_get';
import apiMe from './api_me_get';
import apiOpenApi from './api_openapi';
import apiRegionsList from './api_regions_list';
import apiTokensCreate from './api_tokens_create';
import apiTokensList from './api_tokens_list';
import apiTokensRevoke from './api_tokens_revoke';
import apiUsersList from './api_users_list';
import apiWidgetsToday from './api_widgets_today';
import hooksPing from './hooks_ping';
import pageHome from './page_home';
import pageRoot from './page_root';
import pageSignIn from './page_signIn';
import pageTokens from './page_tokens';
import pageWidget from './page_widget';

/** Every route of the worker; the authorization-matrix test walks the app built from this list. */
export const routes: readonly AnyRoute[] = [
  apiHealth, apiOpenApi, apiDocs,
  apiAuthSignIn, apiAuthSignOut, apiAuthToken, apiAuthTokenRevoke, apiMe,
  apiTokensList, apiTokensCreate, apiTokensRevoke,
  apiRegionsList, apiUsersList,
  apiCompaniesList, apiCompaniesGet,
  apiWidgetsToday,
  hooksPing,
  pageRoot, pageSignIn, pageHome, pageTokens, pageWidget,
];
