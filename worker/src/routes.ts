import { openApiRoutes } from './platform/openapi-routes';
import type { AnyRoute } from './platform/route';
import apiCompaniesLogEvent from './timeline/routes/api_companies_logEvent';
import apiDeviations from './funnel/routes/api_deviations';
import apiLookup from './telephony/routes/api_lookup';
import apiInboxReplay from './sync/routes/api_inbox_replay';
import apiSyncRejected from './sync/routes/api_sync_rejected';
import apiSyncSummary from './sync/routes/api_sync_summary';
import pageSync from './sync/routes/page_sync';
import pageAudit from './audit/routes/page_audit';
import apiAuditList from './audit/routes/api_audit_list';
import apiAuditExport from './audit/routes/api_audit_export';
import pageAdminUsers from './admin/routes/page_admin_users';
import pageAdminIntegrations from './admin/routes/page_admin_integrations';
import apiAdminIntegrationsList from './admin/routes/api_admin_integrations_list';
import apiAdminIntegrationsCheck from './admin/routes/api_admin_integrations_check';
import apiUsersCreate from './admin/routes/api_users_create';
import apiUsersUpdate from './admin/routes/api_users_update';
import apiUsersHandOverPreview from './admin/routes/api_users_handOverPreview';
import apiFunnelRulesList from './funnel/routes/api_funnel_rules_list';
import apiFunnelRulesUpdate from './funnel/routes/api_funnel_rules_update';
import apiFunnelStagesList from './funnel/routes/api_funnel_stages_list';
import apiFunnelStagesUpdate from './funnel/routes/api_funnel_stages_update';
import apiLeadsCreate from './funnel/routes/api_leads_create';
import apiLeadsGet from './funnel/routes/api_leads_get';
import apiLeadsMove from './funnel/routes/api_leads_move';
import apiTasksComplete from './funnel/routes/api_tasks_complete';
import apiTasksCreate from './funnel/routes/api_tasks_create';
import apiTasksList from './funnel/routes/api_tasks_list';
import apiTasksReassign from './funnel/routes/api_tasks_reassign';
import apiTasksTake from './funnel/routes/api_tasks_take';
import apiCollisions from './clients/routes/api_collisions';
import apiCompaniesAddContact from './clients/routes/api_companies_addContact';
import apiCompaniesCard from './clients/routes/api_companies_card';
import apiCompaniesClaim from './clients/routes/api_companies_claim';
import apiCompaniesCreate from './clients/routes/api_companies_create';
import apiCompaniesMerge from './clients/routes/api_companies_merge';
import apiCompaniesOwner from './clients/routes/api_companies_owner';
import apiCompaniesUpdate from './clients/routes/api_companies_update';
import apiContactsMerge from './clients/routes/api_contacts_merge';
import apiContactsUpdate from './clients/routes/api_contacts_update';
import apiSearch from './clients/routes/api_search';
import apiUsersHandOver from './admin/routes/api_users_handOver';
import apiUsersDeactivate from './admin/routes/api_users_deactivate';
import apiUsersActivate from './admin/routes/api_users_activate';
import apiAuthSignIn from './auth/routes/api_auth_signIn';
import apiAuthSignOut from './auth/routes/api_auth_signOut';
import apiAuthToken from './auth/routes/api_auth_token';
import apiAuthTokenRevoke from './auth/routes/api_auth_tokenRevoke';
import apiCompaniesGet from './clients/routes/api_companies_get';
import apiCompaniesList from './clients/routes/api_companies_list';
import apiHealth from './admin/routes/api_health_get';
import apiMe from './auth/routes/api_me_get';
import apiMeUpdate from './auth/routes/api_me_update';
import apiRegionsList from './clients/routes/api_regions_list';
import apiTokensCreate from './auth/routes/api_tokens_create';
import apiTokensList from './auth/routes/api_tokens_list';
import apiTokensRevoke from './auth/routes/api_tokens_revoke';
import apiUsersList from './admin/routes/api_users_list';
import apiWidgetsToday from './widgets/routes/api_widgets_today';
import apiReportsGet from './reports/routes/api_reports_get';
import apiReportsDrill from './reports/routes/api_reports_drill';
import apiReportsExport from './reports/routes/api_reports_export';
import pageReports from './reports/routes/page_reports';
import pageReport from './reports/routes/page_report';
import pageReportDrill from './reports/routes/page_report_drill';
import pagePay from './pay/routes/page_pay';
import pagePayStatement from './pay/routes/page_pay_statement';
import pagePlans from './pay/routes/page_plans';
import apiPayStatementsList from './pay/routes/api_pay_statements_list';
import apiPayStatementsGet from './pay/routes/api_pay_statements_get';
import apiPayStatementsAct from './pay/routes/api_pay_statements_act';
import apiPayStatementsApprove from './pay/routes/api_pay_statements_approve';
import apiPayExport from './pay/routes/api_pay_export';
import apiPayRulesList from './pay/routes/api_pay_rules_list';
import apiPayRulesSave from './pay/routes/api_pay_rules_save';
import apiPlansList from './pay/routes/api_plans_list';
import apiPlansSet from './pay/routes/api_plans_set';
import apiPlansImport from './pay/routes/api_plans_import';
import apiWidgetsMonth from './widgets/routes/api_widgets_month';
import apiWidgetsRegion from './widgets/routes/api_widgets_region';
import apiImportsCommit from './imports/routes/api_imports_commit';
import apiImportsCreate from './imports/routes/api_imports_create';
import apiImportsFinish from './imports/routes/api_imports_finish';
import apiImportsGet from './imports/routes/api_imports_get';
import apiImportsPreview from './imports/routes/api_imports_preview';
import apiImportsResult from './imports/routes/api_imports_result';
import pageImport from './imports/routes/page_import';
import hooksPing from './sync/routes/hooks_ping';
import hooksOnecDocuments from './onec/routes/hooks_onec_documents';
import apiIntegrationsOnec from './onec/routes/api_integrations_onec';
import pageHome from './home/routes/page_home';
import pageToday from './home/routes/page_today';
import pageTasks from './home/routes/page_tasks';
import apiToday from './home/routes/api_today';
import apiTodayCounts from './home/routes/api_today_counts';
import apiTasksUpdate from './funnel/routes/api_tasks_update';
import pageRoot from './home/routes/page_root';
import pageSignIn from './auth/routes/page_signIn';
import pageTokens from './auth/routes/page_tokens';
import pageWidget from './widgets/routes/page_widget';
import apiCompaniesExport from './clients/routes/api_companies_export';
import pageClients from './clients/routes/page_clients';
import pageClientsCard from './clients/routes/page_clients_card';
import pageClientsNew from './clients/routes/page_clients_new';
import apiMailLog from './mail/routes/api_mail_log';
import apiMailNeverLogAdd from './mail/routes/api_mail_neverLog_add';
import apiMailNeverLogList from './mail/routes/api_mail_neverLog_list';
import apiMailNeverLogRemove from './mail/routes/api_mail_neverLog_remove';
import apiLiveConnect from './live/routes/api_live_connect';
import apiLiveTest from './live/routes/api_live_test';
import hooksTelephonyGeneric from './telephony/routes/hooks_telephony_generic';
import hooksTelephonyMangoCall from './telephony/routes/hooks_telephony_mango_call';
import hooksTelephonyMangoSummary from './telephony/routes/hooks_telephony_mango_summary';
import hooksTelephonyMangoRecording from './telephony/routes/hooks_telephony_mango_recording';
import hooksTelephonyMangoPing from './telephony/routes/hooks_telephony_mango_ping';
import hooksTelephonyZadarma from './telephony/routes/hooks_telephony_zadarma';
import hooksTelephonyZadarmaEcho from './telephony/routes/hooks_telephony_zadarma_echo';
import apiCallsCreate from './telephony/routes/api_calls_create';
import apiSandboxIncoming from './telephony/routes/api_sandbox_incoming';

/** Every route of the worker; the authorization-matrix test walks the app built from this list. */
export const routes: readonly AnyRoute[] = [
  apiHealth,
  ...openApiRoutes(() => routes),
  apiAuthSignIn,
  apiAuthSignOut,
  apiAuthToken,
  apiAuthTokenRevoke,
  apiMe,
  apiMeUpdate,
  apiTokensList,
  apiTokensCreate,
  apiTokensRevoke,
  apiRegionsList,
  apiUsersList,
  apiUsersCreate,
  apiUsersUpdate,
  apiCompaniesExport, // before :id, which would take "export.csv" for an id
  apiCompaniesList,
  apiCompaniesGet,
  apiCompaniesCreate,
  apiCompaniesUpdate,
  apiCompaniesAddContact,
  apiCompaniesCard,
  apiCompaniesMerge,
  apiContactsMerge,
  apiContactsUpdate,
  apiCompaniesOwner,
  apiCompaniesClaim,
  apiUsersHandOver,
  apiUsersHandOverPreview,
  apiUsersDeactivate,
  apiUsersActivate,
  apiSearch,
  apiCollisions,
  apiLeadsCreate,
  apiLeadsGet,
  apiLeadsMove,
  apiTasksList,
  apiTasksCreate,
  apiTasksComplete,
  apiTasksReassign,
  apiTasksTake,
  apiTasksUpdate,
  apiToday,
  apiTodayCounts,
  apiDeviations,
  apiLookup,
  apiSyncSummary,
  apiSyncRejected,
  apiInboxReplay,
  pageSync,
  pageAudit,
  apiAuditList,
  apiAuditExport,
  pageAdminUsers,
  pageAdminIntegrations,
  apiAdminIntegrationsList,
  apiAdminIntegrationsCheck,
  apiCompaniesLogEvent,
  apiFunnelStagesList,
  apiFunnelStagesUpdate,
  apiFunnelRulesList,
  apiFunnelRulesUpdate,
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
  apiPayStatementsApprove,
  apiPayExport,
  apiPayRulesList,
  apiPayRulesSave,
  apiPlansList,
  apiPlansSet,
  apiPlansImport,
  apiWidgetsMonth,
  apiWidgetsRegion,
  apiImportsCreate,
  apiImportsPreview,
  apiImportsCommit,
  apiImportsGet,
  apiImportsFinish,
  apiImportsResult,
  pageImport,
  apiIntegrationsOnec,
  apiLiveConnect,
  apiLiveTest,
  apiMailLog,
  apiMailNeverLogList,
  apiMailNeverLogAdd,
  apiMailNeverLogRemove,
  hooksPing,
  hooksOnecDocuments,
  hooksTelephonyGeneric,
  hooksTelephonyMangoCall,
  hooksTelephonyMangoSummary,
  hooksTelephonyMangoRecording,
  hooksTelephonyMangoPing,
  hooksTelephonyZadarma,
  hooksTelephonyZadarmaEcho,
  apiCallsCreate,
  apiSandboxIncoming,
  pageRoot,
  pageSignIn,
  pageHome,
  pageToday,
  pageTasks,
  pageTokens,
  pageWidget,
  pageClients,
  pageClientsNew, // before :id, which would take "new" for an id
  pageClientsCard,
];
