// The connected sitting as the shell answers it: the machine's addresses, a hub opened for
// sitting 1 (its two voting members present: Pr LEFEBVRE, whose phone is paired, and
// Dr MARCHAND, not yet), the candidate pushed, links renewed, devices revoked, closing.
import { vi } from "vitest";
import type { AppError, RoomAddress, RoomMember, RoomStatus } from "../lib/bindings";

const ok = <T>(data: T) => Promise.resolve({ status: "ok" as const, data });
const fail = (error: AppError) => Promise.resolve({ status: "error" as const, error });

export const roomAddresses: RoomAddress[] = [
  { address: "192.168.1.23", label: "Wi-Fi (wlp2s0)", wireless: true, loopback: false },
  { address: "10.12.0.7", label: "Ethernet (enp3s0)", wireless: false, loopback: false },
  { address: "127.0.0.1", label: "Cet ordinateur seulement (lo)", wireless: false, loopback: true },
];

/** A QR code as the shell draws it (a few modules are enough here). */
export const qr = (n: number) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 25 25" data-qr="${n}"><path d="M0 0h7v7H0zM18 0h7v7h-7zM0 18h7v7H0z"/></svg>`;

const member = (member_id: number, name: string, code: string, paired: boolean, devices: number, url: string): RoomMember => ({
  member_id,
  name,
  link: `${url}#k=${String(member_id).repeat(64)}`,
  qr_svg: qr(member_id),
  code,
  paired,
  devices,
});

/** The shell's refusal of a port already taken (RoomError::bind). */
export const portInUse = (port: number): AppError => ({
  code: "room_bind",
  message: `Le port ${port} est déjà utilisé sur cet ordinateur (par une autre séance connectée ou un autre logiciel) : choisissez un autre port.`,
  details: [],
});

export function roomStatusFor(sitting: number, address: string, port: number): RoomStatus {
  const url = `http://${address}:${port}/`;
  return {
    url,
    sitting_id: sitting,
    sitting_label: "Séance du jeudi 14 janvier 2027 à 9 h",
    candidate_id: null,
    members: [member(1, "Pr Jean-Marc LEFEBVRE", "K7QM 4TZP", true, 1, url), member(2, "Dr Sophie MARCHAND", "H3WX 9RCB", false, 0, url)],
    devices: [{ id: "d-1", member_id: 1, member_name: "Pr Jean-Marc LEFEBVRE", agent: "Chrome sur Android", since: "14 h 32", online: true }],
  };
}

/** The room commands, over one hub's state; `open` starts with the hub already open. */
export function roomCommands(open: RoomStatus | null = null) {
  let status: RoomStatus | null = open;
  let renewals = 0;
  const noRoom = (): AppError => ({ code: "no_room", message: "Aucune séance connectée n'est ouverte : ouvrez-la depuis « Notation ».", details: [] });
  return {
    roomInterfaces: vi.fn(() => ok(roomAddresses)),
    roomOpen: vi.fn((sitting: number, address: string, port: number | null) => {
      if (port === 8080) return fail(portInUse(8080));
      status = roomStatusFor(sitting, address, port ?? 8765);
      return ok(status);
    }),
    roomStatus: vi.fn(() => ok(status)),
    roomSelect: vi.fn((candidate: number | null) => {
      if (!status) return fail(noRoom());
      status = { ...status, candidate_id: candidate };
      return ok(status);
    }),
    roomRenew: vi.fn((memberId: number) => {
      if (!status) return fail(noRoom());
      renewals++;
      status = {
        ...status,
        members: status.members.map((m) =>
          m.member_id === memberId ? { ...m, code: `N${renewals}EW CODE`, paired: false, qr_svg: qr(100 + renewals) } : m,
        ),
      };
      return ok(status);
    }),
    roomRevoke: vi.fn((device: string) => {
      if (!status) return fail(noRoom());
      const gone = status.devices.find((d) => d.id === device);
      status = {
        ...status,
        devices: status.devices.filter((d) => d.id !== device),
        members: status.members.map((m) => (m.member_id === gone?.member_id ? { ...m, devices: m.devices - 1 } : m)),
      };
      return ok(status);
    }),
    roomClose: vi.fn(() => {
      status = null;
      return ok(null);
    }),
  };
}
