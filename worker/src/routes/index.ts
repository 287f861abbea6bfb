import type { AnyRoute } from '../lib/route';
import apiCompaniesLogEvent from './api_companies_logEvent';
import apiDeviations from './api_deviations';
import apiLookup from './api_lookup';
import apiInboxReplay from './api_inbox_replay';
import apiSyncRejected from './api_sync_rejected';
import apiSyncSummary from './api_sync_summary';
import pageSync from './page_sync';
import apiFunnelRulesList from './api_funnel_rules_list';
import apiFunnelRulesUpdate from './api_funnel_rules_update';
import apiFunnelStagesList from './api_funnel_stages_list';
import apiFunnelStagesUpdate from './api_funnel_stages_update';
import apiLeadsCreate from './api_leads_create';
import apiLeadsGet from './api_leads_get';
import apiLeadsMove from './api_leads_move';
import apiTasksComplete from './api_tasks_complete';
import apiTasksCreate from './api_tasks_create';
import apiTasksList from './api_tasks_list';
import apiTasksReassign from './api_tasks_reassign';
import apiCollisions from './api_collisions';
import apiCompaniesAddContact from './api_companies_addContact';
import apiCompaniesCard from './api_companies_card';
import apiCompaniesClaim from './api_companies_claim';
import apiCompaniesCreate from './api_companies_create';
import apiCompaniesMerge from './api_companies_merge';
import apiCompaniesOwner from './api_companies_owner';
import apiCompaniesUpdate from './api_companies_update';
import apiContactsMerge from './api_contacts_merge';
import apiSearch from './api_search';
import apiUsersHandOver from './api_users_handOver';
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
import apiReportsGet from './api_reports_get';
import apiReportsDrill from './api_reports_drill';
import apiReportsExport from './api_reports_export';
import pageReports from './page_reports';
import pageReport from './page_report';
import pageReportDrill from './page_report_drill';
import pagePay from './page_pay';
import pagePayStatement from './page_pay_statement';
import pagePlans from './page_plans';
import apiPayStatementsList from './api_pay_statements_list';
import apiPayStatementsGet from './api_pay_statements_get';
import apiPayStatementsAct from './api_pay_statements_act';
import apiPayExport from './api_pay_export';
import apiPayRulesList from './api_pay_rules_list';
import apiPayRulesSave from './api_pay_rules_save';
import apiPlansList from './api_plans_list';
import apiPlansSet from './api_plans_set';
import apiPlansImport from './api_plans_import';
import apiWidgetsMonth from './api_widgets_month';
import apiWidgetsRegion from './api_widgets_region';
import apiImportsCommit from './api_imports_commit';
import apiImportsCreate from './api_imports_create';
import apiImportsFinish from './api_imports_finish';
import apiImportsGet from './api_imports_get';
import apiImportsPreview from './api_imports_preview';
import apiImportsResult from './api_imports_result';
import pageImport from './page_import';
import hooksPing from './hooks_ping';
import hooksOnecDocuments from './hooks_onec_documents';
import apiIntegrationsOnec from './api_integrations_onec';
import pageHome from './page_home';
import pageRoot from './page_root';
import pageSignIn from './page_signIn';
import pageTokens from './page_tokens';
import pageWidget from './page_widget';
import apiCompaniesExport from './api_companies_export';
import pageClients from './page_clients';
import pageClientsCard from './page_clients_card';
import apiMailLog from './api_mail_log';
import apiMailNeverLogAdd from './api_mail_neverLog_add';
import apiMailNeverLogList from './api_mail_neverLog_list';
import apiMailNeverLogRemove from './api_mail_neverLog_remove';
import apiLiveConnect from './api_live_connect';
import apiLiveTest from './api_live_test';
import hooksTelephonyGeneric from './hooks_telephony_generic';
import hooksTelephonyMangoCall from './hooks_telephony_mango_call';
import hooksTelephonyMangoSummary from './hooks_telephony_mango_summary';
import hooksTelephonyMangoRecording from './hooks_telephony_mango_recording';
import hooksTelephonyMangoPing from './hooks_telephony_mango_ping';
import hooksTelephonyZadarma from './hooks_telephony_zadarma';
import hooksTelephonyZadarmaEcho from './hooks_telephony_zadarma_echo';
import apiCallsCreate from './api_calls_create';
import apiSandboxIncoming from './api_sandbox_incoming';

/** Every route of the worker; the authorization-matrix test walks the app built from this list. */
export const routes: readonly AnyRoute[] = [
  apiHealth, apiOpenApi, apiDocs,
  apiAuthSignIn, apiAuthSignOut, apiAuthToken, apiAuthTokenRevoke, apiMe,
  apiTokensList, apiTokensCreate, apiTokensRevoke,
  apiRegionsList, apiUsersList,
  apiCompaniesExport, // before :id, which would take "export.csv" for an id
  apiCompaniesList, apiCompaniesGet,
  apiCompaniesCreate, apiCompaniesUpdate, apiCompaniesAddContact, apiCompaniesCard,
  apiCompaniesMerge, apiContactsMerge, apiCompaniesOwner, apiCompaniesClaim, apiUsersHandOver,
  apiSearch, apiCollisions,
  apiLeadsCreate, apiLeadsGet, apiLeadsMove, apiTasksList, apiTasksCreate, apiTasksComplete, apiTasksReassign, apiDeviations,
  apiLookup, apiSyncSummary, apiSyncRejected, apiInboxReplay, pageSync,
  apiCompaniesLogEvent, apiFunnelStagesList, apiFunnelStagesUpdate, apiFunnelRulesList, apiFunnelRulesUpdate,
  apiWidgetsToday,
  apiReportsGet,
  apiReportsDrill,
  apiReportsExport,
  pageReports,
  pageReport,
  pageReportDrill,
  pagePay,
  pagePayStatement,
  pagePlans,
  apiPayStatementsList,
  apiPayStatementsGet,
  apiPayStatementsAct,
  apiPayExport,
  apiPayRulesList,
  apiPayRulesSave,
  apiPlansList,
  apiPlansSet,
  apiPlansImport,
  apiWidgetsMonth,
  apiWidgetsRegion,
  apiImportsCreate, apiImportsPreview, apiImportsCommit, apiImportsGet, apiImportsFinish, apiImportsResult, pageImport,
  apiIntegrationsOnec,
  apiLiveConnect, apiLiveTest,
  apiMailLog, apiMailNeverLogList, apiMailNeverLogAdd, apiMailNeverLogRemove,
  hooksPing, hooksOnecDocuments,
  hooksTelephonyGeneric, hooksTelephonyMangoCall, hooksTelephonyMangoSummary, hooksTelephonyMangoRecording, hooksTelephonyMangoPing,
  hooksTelephonyZadarma, hooksTelephonyZadarmaEcho, apiCallsCreate, apiSandboxIncoming,
  pageRoot, pageSignIn, pageHome, pageTokens, pageWidget, pageClients, pageClientsCard,
];
