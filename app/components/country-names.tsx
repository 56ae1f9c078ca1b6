import { createContext, useContext } from "react";

/** Country code → name in the page's language, computed by the server (see countries.server.ts). */
export const CountryNamesContext = createContext<Record<string, string> | null>(null);
export const useCountryNames = () => useContext(CountryNamesContext);
