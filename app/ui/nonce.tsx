import { createContext, useContext } from "react";

// The browser hides nonce attributes from scripts, so on the client the value is simply empty.
const NonceContext = createContext<string>("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
