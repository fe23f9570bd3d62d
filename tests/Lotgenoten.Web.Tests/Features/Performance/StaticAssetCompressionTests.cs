using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Lotgenoten.Web.Tests.Infrastructure;

namespace Lotgenoten.Web.Tests.Features.Performance;

/// <summary>
/// Issue 9: MudBlazor's stylesheet and script are the bulk of a page's weight, so <c>MapStaticAssets</c> must serve their
/// precompressed copies (gzip from a build, Brotli too from a publish) to a browser that accepts them, and the plain bytes
/// to one that does not.
/// </summary>
public sealed class StaticAssetCompressionTests(DevelopmentApp app) : IClassFixture<DevelopmentApp>
{
    public static TheoryData<string> Assets => ["/_content/MudBlazor/MudBlazor.min.css", "/_content/MudBlazor/MudBlazor.min.js"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Assets))]
    public async Task Get_AcceptEncodingGzipBr_ServedCompressedAndDecompressesToThePlainBytes(string path)
    {
        using var client = app.CreateClient();
        var plain = await GetAsync(client, path, acceptEncoding: null);

        using var compressed = await SendAsync(client, path, "gzip, deflate, br");

        compressed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var encoding = compressed.Content.Headers.ContentEncoding.ShouldHaveSingleItem();
        encoding.ShouldBeOneOf("br", "gzip");
        compressed.Headers.Vary.ShouldContain("Accept-Encoding");
        var bytes = await compressed.Content.ReadAsByteArrayAsync(Ct);
        bytes.Length.ShouldBeLessThan(plain.Length / 3, "MudBlazor's minified text compresses to well under a third");
        Decompress(bytes, encoding).ShouldBe(plain);
    }

    [Theory]
    [MemberData(nameof(Assets))]
    public async Task Get_AcceptEncodingGzipOnly_ServedGzip(string path)
    {
        using var client = app.CreateClient();

        using var response = await SendAsync(client, path, "gzip");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentEncoding.ShouldHaveSingleItem().ShouldBe("gzip");
    }

    [Theory]
    [MemberData(nameof(Assets))]
    public async Task Get_NoAcceptEncoding_ServedPlain(string path)
    {
        using var client = app.CreateClient();

        using var response = await SendAsync(client, path, acceptEncoding: null);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentEncoding.ShouldBeEmpty();
        var text = await response.Content.ReadAsStringAsync(Ct);
        text.Length.ShouldBeGreaterThan(10_000);
    }

    private static async Task<byte[]> GetAsync(HttpClient client, string path, string? acceptEncoding)
    {
        using var response = await SendAsync(client, path, acceptEncoding);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsByteArrayAsync(Ct);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            foreach (var coding in acceptEncoding.Split(',', StringSplitOptions.TrimEntries))
            {
                request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(coding));
            }
        }

        return await client.SendAsync(request, Ct);
    }

    private static byte[] Decompress(byte[] bytes, string encoding)
    {
        using var input = new MemoryStream(bytes);
        using Stream decoder = encoding == "br"
            ? new BrotliStream(input, CompressionMode.Decompress)
            : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }
}
