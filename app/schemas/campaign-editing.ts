/** Length limits of the organizer's text and news forms, shared by browser and server. */
export const TEXT_LIMITS = { title: 300, summary: 1000, body: 50_000, target: 300 } as const;
export const NEWS_LIMITS = { title: 300, body: 50_000 } as const;
