// French strings of the « Attribution » section (lists, ties, withdrawals, what-if, history).
export const allocation = {
  title: "Attribution des contrats",
};
