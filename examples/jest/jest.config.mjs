// ES modules as they are: no transform, Node's own loader (run with --experimental-vm-modules).
export default { testMatch: ["**/*.test.mjs"], transform: {} };
