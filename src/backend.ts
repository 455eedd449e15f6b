// Placeholder: replaced by the backend module (issue 2).
export {};
