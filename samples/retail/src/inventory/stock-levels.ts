// Yours: the sample's stock. The Reservation aggregate is one order's reservation (its id is orderId),
// decided against these levels; a real warehouse would keep stock per sku in its own aggregate.
export const stockLevels: Readonly<Record<string, number>> = {
  'SKU-BOOK': 1_000_000,
  'SKU-MUG': 1_000_000,
  'SKU-LAMP': 1_000_000,
  'SKU-SOLD-OUT': 0,
};
