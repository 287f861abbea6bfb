// The public face of `telephony`: what other capabilities may use (a dependency rule holds them to it).
export { providerList } from './providers';
export * from './replay';
export { CHECK_HEADER, hookCheckRequest, type CheckableHook } from './check-request';
