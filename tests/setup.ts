/**
 * Runs in every test worker before its tests. Each stock y-websocket `WebsocketProvider` adds a
 * process 'exit' listener (to clear its awareness) and removes it when destroyed; tests that hold
 * a room of twenty or fifty clients at once exceed Node's default of ten and would print a
 * MaxListenersExceededWarning for an expected, bounded number of listeners.
 */
process.setMaxListeners(200);
