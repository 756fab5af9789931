package com.fitnesscrm.photos.rest;

import com.fitnesscrm.common.error.ApiError;
import com.fitnesscrm.common.error.ApiException;
import com.fitnesscrm.common.security.CurrentUser;
import com.fitnesscrm.common.storage.ContentDisposition;
import com.fitnesscrm.common.storage.Downloads;
import com.fitnesscrm.common.storage.Uploads;
import com.fitnesscrm.common.web.QueryValues;
import com.fitnesscrm.common.web.SuccessEnvelope;
import com.fitnesscrm.photos.api.PhotoRequests;
import com.fitnesscrm.photos.api.PhotoView;
import com.fitnesscrm.photos.service.PhotoService;
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

@Path("/api/progress-photos")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@SuccessEnvelope
@SecurityRequirement(name = "bearerAuth")
@Tag(name = "Progress photos", description = "Clients' progress photos ({success, data} envelope; errors carry"
        + " success: false)")
@APIResponse(responseCode = "401", description = "Not authenticated", content = @Content(schema = @Schema(implementation = ApiError.class)))
public class ProgressPhotoResource {

    private final PhotoService photos;
    private final CurrentUser caller;

    public ProgressPhotoResource(PhotoService photos, CurrentUser caller) {
        this.photos = photos;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "List progress photos", description = "Newest first. Admins see the organization's, a"
            + " trainer those of the clients assigned to them, a client their own. A date alone as date_to means"
            + " that whole day.")
    @APIResponse(responseCode = "200", description = "Photos", content = @Content(schema = @Schema(implementation = PhotoRequests.ListResult.class)))
    @APIResponse(responseCode = "400", description = "Invalid filter", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "A client the caller may not see", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public PhotoRequests.ListResult list(@QueryParam("client_id") String clientId,
                                         @Parameter(description = "front, side, back or other") @QueryParam("photo_type") String photoType,
                                         @QueryParam("date_from") String dateFrom,
                                         @QueryParam("date_to") String dateTo) {
        Integer client = QueryValues.integer("client_id", clientId);
        return photos.list(caller, new PhotoRequests.Filter(client == null ? null : client.longValue(), photoType,
                dateFrom, dateTo));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a progress photo")
    @APIResponse(responseCode = "200", description = "The photo", content = @Content(schema = @Schema(implementation = PhotoRequests.One.class)))
    @APIResponse(responseCode = "404", description = "No such photo visible to the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public PhotoRequests.One get(@PathParam("id") long id) {
        return new PhotoRequests.One(true, photos.find(caller, id).orElseThrow(() -> ApiException.notFound("Progress photo")));
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload a progress photo", description = "Multipart form: file (PNG, JPEG, GIF or WebP,"
            + " recognised by its bytes; 10 MB by default), client_id (a client the caller sees; a client may"
            + " leave it out for themself), photo_type (front, side, back, other; default other), taken_date,"
            + " caption, measurement_id. uploaded_by is taken from the token. GPS location is removed from the"
            + " image's metadata before it is stored. At most 10 uploads per user per hour (429).")
    @APIResponse(responseCode = "201", description = "Stored", content = @Content(schema = @Schema(implementation = PhotoRequests.Saved.class)))
    @APIResponse(responseCode = "400", description = "No file, a file that is not an allowed image, or missing client_id", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "A client the caller may not see", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "413", description = "The file is too large", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "429", description = "Upload allowance used up; see Retry-After", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response upload(@RestForm("file") FileUpload file,
                           @RestForm("client_id") String clientId,
                           @RestForm("photo_type") String photoType,
                           @RestForm("taken_date") String takenDate,
                           @RestForm("caption") String caption,
                           @RestForm("measurement_id") String measurementId) {
        PhotoView photo = photos.upload(caller, new PhotoRequests.Upload(clientId, photoType, takenDate, caption,
                measurementId), incoming(file));
        return Response.status(201).entity(new PhotoRequests.Saved(true, "Progress photo uploaded successfully",
                photo)).build();
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Change a progress photo's details")
    @APIResponse(responseCode = "200", description = "Changed", content = @Content(schema = @Schema(implementation = PhotoRequests.Saved.class)))
    @APIResponse(responseCode = "400", description = "Invalid input", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such photo visible to the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public PhotoRequests.Saved update(@PathParam("id") long id, @Valid @NotNull PhotoRequests.Update request) {
        return new PhotoRequests.Saved(true, "Progress photo updated successfully",
                photos.update(caller, id, request).orElseThrow(() -> ApiException.notFound("Progress photo")));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a progress photo", description = "Also removes the stored image.")
    @APIResponse(responseCode = "200", description = "Deleted", content = @Content(schema = @Schema(implementation = PhotoRequests.Deleted.class)))
    @APIResponse(responseCode = "404", description = "No such photo visible to the caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public PhotoRequests.Deleted delete(@PathParam("id") long id) {
        if (!photos.delete(caller, id)) {
            throw ApiException.notFound("Progress photo");
        }
        return new PhotoRequests.Deleted(true, "Progress photo deleted successfully");
    }

    @GET
    @Path("/client/{client_id}/comparison")
    @Operation(summary = "Before and after, per photo type", description = "For front, side and back (each only"
            + " when the client has such photos): the earliest photo (before), the latest (after; null when there"
            + " is only one) and the number of photos.")
    @APIResponse(responseCode = "200", description = "The comparison", content = @Content(schema = @Schema(implementation = PhotoRequests.Comparison.class)))
    @APIResponse(responseCode = "404", description = "A client the caller may not see", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public PhotoRequests.Comparison comparison(@PathParam("client_id") long clientId) {
        return new PhotoRequests.Comparison(true, photos.comparison(caller, clientId)
                .orElseThrow(() -> ApiException.notFound("Client")));
    }

    @GET
    @Path("/{id}/file")
    @PermitAll
    @Produces({"image/*", MediaType.APPLICATION_JSON})
    @Operation(summary = "The photo's image", description = "Opened by the SPA as an <img src>, which sends no"
            + " header: use the photo's file_url (signed with expires and signature, valid about ten minutes)."
            + " A bearer token works too. Any invalid, altered or expired signature answers 401 (code invalid_link"
            + " or link_expired).")
    @APIResponse(responseCode = "200", description = "The image bytes, as stored (type recognised at upload)",
            content = @Content(mediaType = "image/*", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "404", description = "No such photo visible to the caller", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public Response file(@PathParam("id") long id,
                         @Parameter(description = "Expiry of a signed link (epoch seconds)") @QueryParam("expires") String expires,
                         @Parameter(description = "Signature of a signed link") @QueryParam("signature") String signature) {
        Uploads.Opened opened = photos.file(caller.authenticated() ? caller : null, id, expires, signature);
        return Downloads.response(opened, ContentDisposition.inline(opened.fileName()));
    }

    static Uploads.Incoming incoming(FileUpload file) {
        return file == null ? null : new Uploads.Incoming(file.uploadedFile(), file.size(), file.fileName());
    }
}
