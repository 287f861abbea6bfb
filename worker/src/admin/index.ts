// The public face of `admin`: what other capabilities may use (a dependency rule holds them to it).
export * from './users/list';
export * from './users/list-region-managers';
export * from './users/time-zone';
export { INTEGRATIONS, integrationOfSource } from './integrations/catalogue';
export { listIntegrations } from './integrations/status';
export { StackStyle } from './pages/stack';
