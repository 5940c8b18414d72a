/**
 * `make` remembered per text: up to `entries` texts of up to `chars` characters (longer ones
 * are worked out each time); when full, it starts again empty.
 */
export declare function rememberedByText<T>(make: (text: string) => T, limits: { entries: number; chars: number }): (text: string) => T;
