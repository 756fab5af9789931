package com.fitnesscrm.files.rest;

import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.common.storage.ContentDisposition;
import com.fitnesscrm.common.storage.Downloads;
import com.fitnesscrm.common.storage.Uploads;
import com.fitnesscrm.common.web.MessageResponse;
import com.fitnesscrm.common.web.QueryValues;
import com.fitnesscrm.files.api.FileRequests;
import com.fitnesscrm.files.api.FileView;
import com.fitnesscrm.files.service.FileService;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/api/files")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SecurityRequirement(name = "bearerAuth")
@Tag(name = "Files", description = "Documents and media about clients, trainers and sessions")
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class FileResource {

    private final FileService files;
    private final CurrentUser caller;

    public FileResource(FileService files, CurrentUser caller) {
        this.files = files;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List files", description = "Newest first, 50 per page by default. Admins see the"
            + " organization's files, a trainer those of the clients assigned to them and the studio's files about"
            + " no client, a client the files about them.")
    @APIResponse(responseCode = "200", description = "A page", content = @Content(schema = @Schema(implementation = FileRequests.Page.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "A client the caller may not see", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public FileRequests.Page list(@QueryParam("client_id") String clientId,
                                  @QueryParam("trainer_id") String trainerId,
                                  @QueryParam("session_id") String sessionId,
                                  @QueryParam("category") String category,
                                  @QueryParam("page") String page,
                                  @QueryParam("per_page") String perPage) {
        return files.list(caller, new FileRequests.Filter(id("client_id", clientId), id("trainer_id", trainerId),
                        id("session_id", sessionId), category),
                QueryValues.integer("page", page), QueryValues.integer("per_page", perPage));
    }

    @GET
    @Path("/categories")
    @Operation(summary = "File categories", description = "The options of the category select.")
    @APIResponse(responseCode = "200", description = "Options", content = @Content(schema = @Schema(implementation = FileRequests.Categories.class)))
    public FileRequests.Categories categories() {
        return new FileRequests.Categories(files.categoryOptions());
    }

    @GET
    @Path("/stats")
    @Operation(summary = "File figures", description = "Of the files the caller sees (optionally one client's):"
            + " count, total size in bytes and MB, and the number per category.")
    @APIResponse(responseCode = "200", description = "Figures", content = @Content(schema = @Schema(implementation = FileRequests.Stats.class)))
    @APIResponse(responseCode = "404", description = "A client the caller may not see", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public FileRequests.Stats stats(@QueryParam("client_id") String clientId) {
        return files.stats(caller, id("client_id", clientId));
    }

    @GET
    @Path("/{file_id}")
    @Operation(summary = "Get a file's record")
    @APIResponse(responseCode = "200", description = "The file", content = @Content(schema = @Schema(implementation = FileView.class)))
    @APIResponse(responseCode = "404", description = "No such file visible to the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public FileView get(@PathParam("file_id") long id) {
        return files.find(caller, id).orElseThrow(() -> ApiException.notFound("File"));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload a file", description = "Multipart form: file (PDF, DOC, DOCX, TXT, PNG, JPEG,"
            + " GIF, MP4, MOV or AVI, recognised by its bytes; 50 MB by default), category, client_id, trainer_id,"
            + " session_id, description. uploaded_by is taken from the token (the SPA's \"1\" is ignored). GPS"
            + " location is removed from images. At most 10 uploads per user per hour (429).")
    @APIResponse(responseCode = "201", description = "Stored", content = @Content(schema = @Schema(implementation = FileRequests.Saved.class)))
    @APIResponse(responseCode = "400", description = "No file, a type not allowed, or invalid fields", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "A client, trainer or session the caller may not see", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "413", description = "The file is too large", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "429", description = "Upload allowance used up; see Retry-After", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response upload(@RestForm("file") FileUpload file,
                           @RestForm("category") String category,
                           @RestForm("client_id") String clientId,
                           @RestForm("trainer_id") String trainerId,
                           @RestForm("session_id") String sessionId,
                           @RestForm("description") String description,
                           @Parameter(description = "Ignored: the uploader is the caller") @RestForm("uploaded_by") String uploadedBy) {
        Uploads.Incoming incoming = file == null ? null
                : new Uploads.Incoming(file.uploadedFile(), file.size(), file.fileName());
        FileView saved = files.upload(caller, new FileRequests.Upload(category, clientId, trainerId, sessionId,
                description), incoming);
        return Response.status(201).entity(new FileRequests.Saved("File uploaded successfully", saved)).build();
    }

    @PUT
    @Path("/{file_id}")
    @Operation(summary = "Change a file's details", description = "A client may change only files they uploaded.")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = FileRequests.Saved.class)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "A client changing a file someone else uploaded", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such file visible to the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public FileRequests.Saved update(@PathParam("file_id") long id, @Valid @NotNull FileRequests.Update request) {
        return new FileRequests.Saved("File updated successfully",
                files.update(caller, id, request).orElseThrow(() -> ApiException.notFound("File")));
    }

    @DELETE
    @Path("/{file_id}")
    @Operation(summary = "Delete a file", description = "Also removes the stored object. A client may delete only"
            + " files they uploaded.")
    @APIResponse(responseCode = "200", description = "Deleted", content = @Content(schema = @Schema(implementation = MessageResponse.class)))
    @APIResponse(responseCode = "403", description = "A client deleting a file someone else uploaded", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such file visible to the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public MessageResponse delete(@PathParam("file_id") long id) {
        if (!files.delete(caller, id)) {
            throw ApiException.notFound("File");
        }
        return new MessageResponse("File deleted successfully");
    }

    @GET
    @Path("/{file_id}/download")
    @PermitAll
    @Produces({MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON})
    @Operation(summary = "Download a file", description = "Opened by the SPA as a plain link, which sends no"
            + " header: use the file's download_url (signed with expires and signature, valid about ten minutes)."
            + " A bearer token works too. Served as an attachment with the type recognised at upload. Any invalid,"
            + " altered or expired signature answers 401 (code invalid_link or link_expired).")
    @APIResponse(responseCode = "200", description = "The file's bytes",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "No such file visible to the caller", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public Response download(@PathParam("file_id") long id,
                             @Parameter(description = "Expiry of a signed link (epoch seconds)") @QueryParam("expires") String expires,
                             @Parameter(description = "Signature of a signed link") @QueryParam("signature") String signature) {
        Uploads.Opened opened = files.download(caller.authenticated() ? caller : null, id, expires, signature);
        return Downloads.response(opened, ContentDisposition.attachment(opened.fileName()));
    }

    private static Long id(String name, String value) {
        Integer id = QueryValues.integer(name, value);
        return id == null ? null : id.longValue();
    }
}
