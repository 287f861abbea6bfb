// The public face of `auth`: what other capabilities may use (a dependency rule holds them to it).
export * from './describe-me';
export { refuseForgedBrowserWrites } from './csrf';
