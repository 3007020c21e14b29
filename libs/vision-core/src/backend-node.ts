// Node-only tfjs backend support (worker_threads, optional native packages). Browser: ./backend.
export * from './backend';
export { selectBackend, type SelectNodeBackendOptions } from './backend/select-backend-node';
