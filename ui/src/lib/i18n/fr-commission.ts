// French strings of the « Commission » section (members, rules, sittings, recusals).
export const commission = {
  title: "Commission",
};
