export { errorText } from "@/api/errors";
