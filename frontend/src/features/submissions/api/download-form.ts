import { useMutation } from "@tanstack/react-query";

import { api, unwrap } from "@/api/client";

/** The file name the server gives (`Content-Disposition: attachment; filename="…"`), or `null`. */
export function attachmentName(header: string | null): string | null {
  if (!header) return null;
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}

export interface DownloadedForm {
  blob: Blob;
  fileName: string;
}

/**
 * `GET …/forms/{ags}`: the city's Excel collection form (Erhebungsbogen) for every data year of
 * the round, as the session cookie allows. A failed download throws `ApiError` like every call.
 */
export async function downloadForm(roundId: number, ags: string): Promise<DownloadedForm> {
  const call = api.GET("/api/v1/rounds/{round_id}/forms/{ags}", {
    params: { path: { round_id: roundId, ags } },
    parseAs: "blob",
    headers: { Accept: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/json" },
  });
  const blob: Blob = await unwrap<Blob>(call, "GET form");
  const { response } = await call;
  return { blob, fileName: attachmentName(response.headers.get("Content-Disposition")) ?? `erhebungsbogen_${roundId}_${ags}.xlsx` };
}

/** Hands a file to the browser's downloads (a temporary link to the bytes, clicked once). */
export function saveFile({ blob, fileName }: DownloadedForm): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked a little later: some browsers start the download only after the click returns.
  window.setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}

/** Download the form and save it; errors stay on the mutation for the page to show. */
export function useDownloadForm(roundId: number, ags: string) {
  return useMutation({
    mutationFn: async () => {
      const form = await downloadForm(roundId, ags);
      saveFile(form);
      return form.fileName;
    },
  });
}
