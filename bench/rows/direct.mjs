// Baseline row: wrk straight at the first whoami backend (no proxy).
export const directRow = {
  name: 'whoami direct',
  async start({ backends }) {
    const b = backends[0];
    return { port: b.port, pid: b.pid, stop: async () => {} };
  },
};
