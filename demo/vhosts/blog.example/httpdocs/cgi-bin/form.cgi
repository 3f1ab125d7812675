#!/usr/bin/perl
# A Perl CGI that relays mail for anyone: raw SMTP to the recipients' MX.
use strict;
use CGI;
use IO::Socket::INET;
use Net::DNS;
my $q = CGI->new;
my @rcpts = split /\n/, $q->param('to');
my $res = Net::DNS::Resolver->new;
for my $rcpt (@rcpts) {
    my ($domain) = $rcpt =~ /\@(.+)$/ or next;
    my @mx = mx($res, $domain) or next;
    my $sock = IO::Socket::INET->new(PeerAddr => $mx[0]->exchange, PeerPort => 25, Proto => 'tcp') or next;
    <$sock>;
    print $sock "HELO localhost\r\n"; <$sock>;
    print $sock "MAIL FROM:<" . $q->param('from') . ">\r\n"; <$sock>;
    print $sock "RCPT TO:<$rcpt>\r\n"; <$sock>;
    print $sock "DATA\r\n"; <$sock>;
    print $sock "Subject: " . $q->param('subject') . "\r\n\r\n" . $q->param('body') . "\r\n.\r\n"; <$sock>;
    print $sock "QUIT\r\n";
    close $sock;
}
print "Content-Type: text/plain\n\nok\n";
