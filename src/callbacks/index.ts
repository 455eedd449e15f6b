// The `callbacks` namespace of reglab. Each concept lives in its own file and is re-exported here.
export {};
