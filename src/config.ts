// Placeholder: replaced by the config module (issue 2).
export {};
